/**
 * Random search, the baseline every other strategy must beat (Li and Talwalkar 2019, "Random
 * Search and Reproducibility for NAS"): uniform genomes, repaired to the budget, never one that
 * was evaluated already. Its first batch starts, as the evolutionary strategies' initial
 * population does, with the space's largest and smallest genomes, so a comparison measures the
 * search and not that seeding. It keeps no memory beyond the last batch; the run's archive keeps
 * the front.
 */
import { sampleGenome } from '../src/space/sample.js';
import type { ManagerOptions, PopulationManager } from './manager.js';
import { initialGenomes, knownTo, newGenomes, nothing } from './offspring.js';

export function randomSearch(options: ManagerOptions): PopulationManager {
  const { space, populationSize, repair } = options;
  return {
    strategy: 'random',
    ask: (population, rng, evaluated = nothing) => {
      const known = knownTo([], evaluated);
      if (population.length === 0) return initialGenomes(populationSize, space, repair, rng, known);
      return newGenomes(populationSize, () => [sampleGenome(space, rng)], space, repair, known);
    },
    tell: (_population, evaluated) => [...evaluated],
  };
}
