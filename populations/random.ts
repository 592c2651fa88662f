/**
 * Random search, the baseline every other strategy must beat (Li and Talwalkar 2019, "Random
 * Search and Reproducibility for NAS"): each generation draws fresh uniform genomes, repaired to
 * the budget. It keeps no memory beyond the last batch; the run's archive keeps the front.
 */
import { sampleGenome } from '../src/space/sample.js';
import type { ManagerOptions, PopulationManager } from './manager.js';
import { newGenomes } from './offspring.js';

export function randomSearch(options: ManagerOptions): PopulationManager {
  const { space, populationSize, repair } = options;
  return {
    strategy: 'random',
    ask: (_population, rng) => newGenomes(populationSize, () => [sampleGenome(space, rng)], space, repair, new Set()),
    tell: (_population, evaluated) => [...evaluated],
  };
}
