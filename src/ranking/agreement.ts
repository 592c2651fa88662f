/**
 * How well one scoring of architectures ranks them against another: Kendall's tau-b, Spearman's
 * rho, Pearson's r and the overlap of the top 10%, side by side, as `evo-nas correlate` reports
 * them for the predictions and for its two references (the parameter-count floor, the seed-to-seed
 * ceiling).
 */
import { kendallTauB } from './kendall.js';
import { pearson } from './pearson.js';
import { spearman } from './spearman.js';
import { topOverlap } from './top-overlap.js';

export interface RankAgreement {
  /** Architectures compared. */
  readonly n: number;
  readonly kendallTau: number;
  readonly spearman: number;
  readonly pearson: number;
  /** Share of the true top `topFraction` that the scoring also puts in its top `topFraction`. */
  readonly topOverlap: number;
}

export const DEFAULT_TOP_FRACTION = 0.1;

export function rankAgreement(scores: readonly number[], truth: readonly number[], topFraction = DEFAULT_TOP_FRACTION): RankAgreement {
  return {
    n: scores.length,
    kendallTau: kendallTauB(scores, truth),
    spearman: spearman(scores, truth),
    pearson: pearson(scores, truth),
    topOverlap: topOverlap(scores, truth, topFraction),
  };
}
