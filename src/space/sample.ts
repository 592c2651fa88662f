/**
 * Drawing genomes: uniform sampling, and the sandwich rule's two extremes (Yu et al. 2019,
 * "Universally Slimmable Networks"): every position at its widest and at its narrowest choice.
 */
import type { Rng } from '../random/rng.js';
import type { Genome } from './genome.js';
import type { GenomeSpace } from './space.js';

/** Each position drawn uniformly from its choices. */
export function sampleGenome(space: GenomeSpace, rng: Rng): Genome {
  return space.positions.map((position) => rng.pick(position.choices));
}

/** Every position at its widest choice: the supernet itself. */
export function largestGenome(space: GenomeSpace): Genome {
  return space.positions.map((position) => position.maxChannels);
}

/** Every position at its narrowest choice. */
export function smallestGenome(space: GenomeSpace): Genome {
  return space.positions.map((position) => position.choices[0] as number);
}

/**
 * The sandwich set for one supernet training step: the largest, the smallest and `random`
 * uniformly drawn genomes, in that order.
 */
export function sandwichGenomes(space: GenomeSpace, random: number, rng: Rng): Genome[] {
  const middle = Array.from({ length: random }, () => sampleGenome(space, rng));
  return [largestGenome(space), smallestGenome(space), ...middle];
}

/**
 * How a supernet training step picks its subnets beside the largest (the teacher):
 * - `sandwich`: the smallest and `random` uniform draws (Yu et al. 2019);
 * - `uniform`: `random + 1` uniform draws (the smallest is no longer trained at every step);
 * - `fair`: `random + 1` draws that, at every position, take distinct choices where the position
 *   has enough (each choice equally likely), so one step covers the widths evenly — FairNAS's
 *   strict fairness (Chu et al. 2021) relaxed to positions with more choices than draws.
 * Every kind trains `random + 2` subnets a step, so their costs are equal.
 */
export type SubnetSampling = 'sandwich' | 'uniform' | 'fair';
export const SUBNET_SAMPLINGS: readonly SubnetSampling[] = ['sandwich', 'uniform', 'fair'];

/** The subnets of one supernet training step, the largest first. */
export function stepSubnets(space: GenomeSpace, sampling: SubnetSampling, random: number, rng: Rng): Genome[] {
  if (sampling === 'sandwich') return sandwichGenomes(space, random, rng);
  const draws = random + 1;
  if (sampling === 'uniform') return [largestGenome(space), ...Array.from({ length: draws }, () => sampleGenome(space, rng))];
  // One shuffle of each position's choices per pass; draw d takes the d-th choice of the pass.
  const columns = space.positions.map((position) => {
    const picks: number[] = [];
    while (picks.length < draws) picks.push(...rng.shuffle([...position.choices]));
    return picks;
  });
  return [largestGenome(space), ...Array.from({ length: draws }, (_, d) => columns.map((picks) => picks[d] as number))];
}
