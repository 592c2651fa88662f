/**
 * Population managers behind one ask/tell interface: predictor-assisted search, NSGA-II, aging
 * evolution, random search.
 */
import { agingEvolution } from './aging.js';
import type { ManagerOptions, PopulationManager, Strategy } from './manager.js';
import { nsga2 } from './nsga2.js';
import { predictorSearch } from './predictor.js';
import { randomSearch } from './random.js';

export * from './manager.js';
export { agingEvolution, nsga2, predictorSearch, randomSearch };

const FACTORIES: Record<Strategy, (options: ManagerOptions) => PopulationManager> = {
  predictor: (options) => predictorSearch(options),
  nsga2,
  aging: agingEvolution,
  random: randomSearch,
};

/** The manager for a strategy name. */
export function createManager(strategy: Strategy, options: ManagerOptions): PopulationManager {
  return FACTORIES[strategy](options);
}
