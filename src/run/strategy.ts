/** From a run's configuration and problem to the population manager and budget the loop uses. */
import { createManager, type PopulationManager } from '../../populations/index.js';
import type { Problem } from '../search/problem.js';
import { genomeLength } from '../space/space.js';
import { repairGenome, type Budget } from '../space/repair.js';
import { largestGenome } from '../space/sample.js';
import { agingDefaults, type RunConfig } from './config.js';

/** The run's budget on params and MACs (either may be absent). */
export function budgetOf(config: RunConfig): Budget {
  return {
    ...(config.maxParams === null ? {} : { maxParams: config.maxParams }),
    ...(config.maxMacs === null ? {} : { maxMacs: config.maxMacs }),
  };
}

/**
 * The population manager of the configured strategy, repairing every proposal to the budget.
 * Throws a BudgetError (naming the smallest genome's cost) when no genome fits the budget.
 */
export function managerFor(config: RunConfig, problem: Problem): PopulationManager {
  const { space, costOf } = problem;
  const budget = budgetOf(config);
  const limited = budget.maxParams !== undefined || budget.maxMacs !== undefined;
  if (limited) repairGenome(largestGenome(space), space, budget, costOf); // fails early if unreachable
  return createManager(config.strategy, {
    space,
    populationSize: config.population,
    repair: limited ? (genome) => repairGenome(genome, space, budget, costOf) : (genome) => genome,
    cost: (genome) => costOf(genome)[config.objective],
    mutation: { kind: config.mutation, probability: config.mutationProbability ?? 1 / genomeLength(space) },
    crossover: { kind: config.crossover, probability: config.crossoverProbability },
    ...agingDefaults(config),
  });
}
