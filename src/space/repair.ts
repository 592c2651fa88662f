/**
 * Repair towards a budget: shrink an over-budget genome until it fits, one choice step at a time.
 *
 * The rule, greedy and deterministic: at each step, among the positions that can still narrow by
 * one choice, take the step that saves the most cost per fraction of width removed —
 * (saving / limit, summed over the budgets still exceeded) / ((w - w') / w). The fraction of a
 * layer's width removed stands in for the accuracy it costs: 64 -> 60 removes 6% of a layer and
 * is cheap, 8 -> 4 removes half of one and is dear. Ties go to the lower position. A genome that
 * already fits is returned unchanged.
 */
import { BudgetError } from '../errors/errors.js';
import type { Genome } from './genome.js';
import { smallestGenome } from './sample.js';
import type { GenomeSpace } from './space.js';

export interface Budget {
  /** Most parameters allowed (PyTorch's count: weights, biases and BN). */
  readonly maxParams?: number;
  /** Most multiply-accumulates allowed for one image. */
  readonly maxMacs?: number;
}

/** The two costs a budget limits; `genomeCost` gives them for a ResNet space. */
export interface BudgetCost {
  readonly params: number;
  readonly macs: number;
}

/**
 * The cost of a genome of the space being repaired. It need not be monotone (under the `needed`
 * shortcut, matching a block's widths swaps a projection for the identity and can cost less):
 * repair only ever narrows, so it still ends, at worst at the smallest genome, which it checks
 * first.
 */
export type CostOf = (genome: Genome) => BudgetCost;

/** How far a cost exceeds a budget: 0 when it fits, else the sum of relative excesses. */
export function budgetViolation(cost: BudgetCost, budget: Budget): number {
  const over = (value: number, limit: number | undefined) =>
    limit === undefined || value <= limit ? 0 : (value - limit) / limit;
  return over(cost.params, budget.maxParams) + over(cost.macs, budget.maxMacs);
}

/**
 * Narrows `genome` until `costOf` fits `budget` (see the module comment for the rule). For a
 * ResNet space: `repairGenome(g, space, budget, (x) => genomeCost(x, space, options))`.
 */
export function repairGenome(genome: Genome, space: GenomeSpace, budget: Budget, costOf: CostOf): Genome {
  let current = genome;
  let cost = costOf(current);
  if (budgetViolation(cost, budget) === 0) return genome;
  checkReachable(space, budget, costOf);

  while (budgetViolation(cost, budget) > 0) {
    let best: { genome: Genome; cost: BudgetCost; score: number } | undefined;
    for (const position of space.positions) {
      const width = current[position.index] as number;
      const at = position.choices.indexOf(width);
      if (at <= 0) continue;
      const narrower = position.choices[at - 1] as number;
      const candidate = current.map((w, i) => (i === position.index ? narrower : w));
      const candidateCost = costOf(candidate);
      const score = saving(cost, candidateCost, budget) / ((width - narrower) / width);
      if (!best || score > best.score) best = { genome: candidate, cost: candidateCost, score };
    }
    // checkReachable guarantees a step exists while the genome is over budget.
    if (!best) throw new Error('repairGenome: no position left to narrow');
    [current, cost] = [best.genome, best.cost];
  }
  return current;
}

/** Relative saving of a step, over the budgets that the genome still exceeds. */
function saving(before: BudgetCost, after: BudgetCost, budget: Budget): number {
  const part = (from: number, to: number, limit: number | undefined) =>
    limit === undefined || from <= limit ? 0 : (from - to) / limit;
  return part(before.params, after.params, budget.maxParams) + part(before.macs, after.macs, budget.maxMacs);
}

function checkReachable(space: GenomeSpace, budget: Budget, costOf: CostOf): void {
  const floor = costOf(smallestGenome(space));
  if (budget.maxParams !== undefined && floor.params > budget.maxParams) {
    throw new BudgetError(
      `no genome of space "${space.name}" fits max params ${budget.maxParams}: the smallest has ${floor.params}`,
    );
  }
  if (budget.maxMacs !== undefined && floor.macs > budget.maxMacs) {
    throw new BudgetError(`no genome of space "${space.name}" fits max MACs ${budget.maxMacs}: the smallest has ${floor.macs}`);
  }
}
