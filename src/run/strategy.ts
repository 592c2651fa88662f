/** From a run's configuration and problem to the population manager and budget the loop uses. */
import { createManager, type PopulationManager } from '../../populations/index.js';
import type { Problem } from '../search/problem.js';
import { genomeLength, type GenomeSpace } from '../space/space.js';
import { repairGenome, type Budget, type CostOf } from '../space/repair.js';
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
 * Throws a BudgetError (naming the smallest genome's cost) when no genome of `space` fits the
 * run's budget; returns whether there is a budget at all. A supernet run calls it before training,
 * with the dataset's shape from its catalogue entry, so an unreachable budget costs no training.
 */
export function checkBudgetReachable(config: RunConfig, space: GenomeSpace, costOf: CostOf): boolean {
  const budget = budgetOf(config);
  const limited = budget.maxParams !== undefined || budget.maxMacs !== undefined;
  if (limited) repairGenome(largestGenome(space), space, budget, costOf);
  return limited;
}

/**
 * The population manager of the configured strategy, repairing every proposal to the budget.
 * Throws a BudgetError (naming the smallest genome's cost) when no genome fits the budget.
 */
export function managerFor(config: RunConfig, problem: Problem): PopulationManager {
  const { space, costOf } = problem;
  const budget = budgetOf(config);
  const limited = checkBudgetReachable(config, space, costOf);
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
