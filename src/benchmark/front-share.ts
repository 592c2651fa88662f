/**
 * How much of a table's true front a set of evaluated architectures covers: the hypervolume of
 * their (parameters, mean accuracy) points as a share of the hypervolume of the whole table's
 * front. Both objectives are scaled by the table's own ranges — parameters from the table's
 * smallest to its largest, mean accuracy from its worst to its best — and the reference point is
 * the worst corner (largest parameters, worst accuracy). Measured from accuracy 0 instead, every
 * front of a width benchmark (accuracies 80–95%) would cover nearly the same area and the share
 * would hide the differences between strategies.
 */
import { hypervolume2d } from '../search/hypervolume.js';
import type { Objectives } from '../search/dominance.js';

/** What the share needs of an architecture. */
export interface ParamsAccuracy {
  readonly params: number;
  /** Mean accuracy, percent or fraction: only its order and range matter. */
  readonly accuracy: number;
}

export interface FrontScale {
  readonly minParams: number;
  readonly maxParams: number;
  readonly worstAccuracy: number;
  readonly bestAccuracy: number;
}

/** The ranges of a whole table. */
export function frontScale(table: readonly ParamsAccuracy[]): FrontScale {
  let [minParams, maxParams, worstAccuracy, bestAccuracy] = [Infinity, -Infinity, Infinity, -Infinity];
  for (const { params, accuracy } of table) {
    minParams = Math.min(minParams, params);
    maxParams = Math.max(maxParams, params);
    worstAccuracy = Math.min(worstAccuracy, accuracy);
    bestAccuracy = Math.max(bestAccuracy, accuracy);
  }
  return { minParams, maxParams, worstAccuracy, bestAccuracy };
}

/** Points in [0, 1]^2, both minimised: the reference point of the share is [1, 1]. */
export function scaledObjectives(points: readonly ParamsAccuracy[], scale: FrontScale): Objectives[] {
  const params = scale.maxParams - scale.minParams || 1;
  const accuracy = scale.bestAccuracy - scale.worstAccuracy || 1;
  return points.map((p) => [(p.params - scale.minParams) / params, (scale.bestAccuracy - p.accuracy) / accuracy]);
}

/** The scaled hypervolume of `points` against the worst corner. */
export function scaledHypervolume(points: readonly ParamsAccuracy[], scale: FrontScale): number {
  return hypervolume2d(scaledObjectives(points, scale), [1, 1]);
}

/**
 * The share of the true front's hypervolume that `found` covers, in [0, 1]; `truth` is the
 * hypervolume of the whole table (`scaledHypervolume(table, scale)`).
 */
export function frontShare(found: readonly ParamsAccuracy[], scale: FrontScale, truth: number): number {
  return truth > 0 ? scaledHypervolume(found, scale) / truth : 0;
}
