/**
 * A bootstrap ensemble of ridge regressors (Breiman 1996, bagging): each member fits a sample
 * drawn with replacement from the evaluations, and the members' disagreement on a genome is the
 * predictor's uncertainty about it — large where the evaluations say little, which is where
 * exploring pays (Lakshminarayanan et al. 2017 use ensembles the same way). Targets are
 * standardised, so one penalty suits accuracy in any range.
 */
import type { Rng } from '../../src/random/rng.js';
import { fitRidge, predict, type LinearModel } from './ridge.js';

export interface Prediction {
  readonly mean: number;
  /** Standard deviation of the members' predictions. */
  readonly spread: number;
}

export interface Ensemble {
  predict(row: Float64Array): Prediction;
}

export interface EnsembleOptions {
  readonly members: number;
  /** Ridge penalty on standardised targets. */
  readonly lambda: number;
}

export const DEFAULT_ENSEMBLE: EnsembleOptions = { members: 5, lambda: 1 };

/** Fits the ensemble; `rng` draws the bootstrap samples. Needs at least one row. */
export function fitEnsemble(rows: readonly Float64Array[], targets: readonly number[], rng: Rng, options = DEFAULT_ENSEMBLE): Ensemble {
  const n = rows.length;
  const mean = targets.reduce((s, y) => s + y, 0) / n;
  const scale = Math.sqrt(targets.reduce((s, y) => s + (y - mean) ** 2, 0) / n) || 1;
  const standard = targets.map((y) => (y - mean) / scale);
  const models: LinearModel[] = Array.from({ length: options.members }, () => {
    const drawn = new Float64Array(n); // how many times the bootstrap sample drew each row
    for (let k = 0; k < n; k++) {
      const i = rng.int(n);
      drawn[i] = (drawn[i] as number) + 1;
    }
    return fitRidge(rows, standard, options.lambda, drawn);
  });
  return {
    predict: (row) => {
      let [sum, squares] = [0, 0];
      for (const model of models) {
        const y = predict(model, row);
        sum += y;
        squares += y * y;
      }
      const m = sum / models.length;
      return { mean: mean + scale * m, spread: scale * Math.sqrt(Math.max(0, squares / models.length - m * m)) };
    },
  };
}
