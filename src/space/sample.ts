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
