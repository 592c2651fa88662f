/**
 * Aging (regularised) evolution (Real, Aggarwal, Huang and Le 2019, "Regularized Evolution for
 * Image Classifier Architecture Search", AAAI): tournament selection, mutation only, and the
 * oldest member dies rather than the worst, which keeps the population young and exploring.
 *
 * Two adaptations, both documented choices: (1) a generation runs `populationSize` cycles in one
 * batch (as the paper's parallel workers do), every parent drawn from the population as it stood
 * before the batch; (2) with two objectives, the parent is drawn uniformly from the tournament
 * sample's non-dominated members (constrained domination) instead of "the most accurate".
 */
import type { Rng } from '../src/random/rng.js';
import type { Individual } from '../src/search/individual.js';
import { nonDominatedSort } from '../src/search/nds.js';
import type { Genome } from '../src/space/genome.js';
import { mutation } from '../src/space/mutate.js';
import type { ManagerOptions, PopulationManager } from './manager.js';
import { initialGenomes, knownTo, newGenomes, nothing } from './offspring.js';

export function agingEvolution(options: ManagerOptions): PopulationManager {
  const { space, populationSize, repair, agingCapacity } = options;
  const mutate = mutation(options.mutation);

  const ask = (population: readonly Individual[], rng: Rng, evaluated = nothing): Genome[] => {
    const known = knownTo(population, evaluated);
    if (population.length === 0) return initialGenomes(populationSize, space, repair, rng, known);
    const sampleSize = Math.min(options.tournamentSize, population.length);
    const child = (): Genome[] => {
      const sample = rng.shuffle(population).slice(0, sampleSize);
      const [best] = nonDominatedSort(sample.map((s) => s.objectives), sample.map((s) => s.violation));
      const parent = sample[rng.pick(best as number[])] as Individual;
      return [mutate(parent.genome, space, rng)];
    };
    return newGenomes(populationSize, child, space, repair, known);
  };

  // The queue holds members oldest first; the newest `agingCapacity` stay.
  const tell = <T extends Individual>(population: readonly T[], evaluated: readonly T[]): T[] =>
    [...population, ...evaluated].slice(-agingCapacity);

  return { strategy: 'aging', ask, tell };
}
