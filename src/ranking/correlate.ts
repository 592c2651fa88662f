/**
 * `evo-nas correlate`'s comparison: the predictions' rank agreement with the truth, beside two
 * references on the same architectures — the parameter-count ranking (the floor a predictor must
 * beat: wider networks are usually better) and, where the truth holds two or more seeds, the
 * agreement of the first seed's accuracies with the second's (the ceiling: how well the truth
 * agrees with itself), with the estimate of what a perfect predictor would score against the seed
 * mean (attainable.ts; above the seed-to-seed figure, since the mean is less noisy than one seed).
 */
import { InputError } from '../errors/errors.js';
import { genomeCost, type ResNetSpace } from '../space/index.js';
import { rankAgreement, type RankAgreement } from './agreement.js';
import { attainableKendall } from './attainable.js';
import type { ScoreFile, ScoredArchitecture } from './files.js';
import { topCount } from './top-overlap.js';

export interface CorrelationReport {
  readonly predictions: string;
  readonly truth: string;
  readonly space: string;
  readonly architectures: number;
  readonly topFraction: number;
  /** Architectures in the top share. */
  readonly topCount: number;
  readonly predicted: RankAgreement;
  /** Parameter count as the score; from the truth table, or the space's cost model for a submission. */
  readonly paramsFloor: RankAgreement & { readonly paramsFrom: 'truth table' | 'cost model' };
  /** Seed 1's accuracies scored against seed 2's, on the architectures with both; null with fewer than 2 such. */
  readonly seedCeiling: RankAgreement | null;
  /**
   * Estimated Kendall tau of the noise-free ranking against the truth's seed mean (see
   * attainable.ts): what a perfect predictor would score, above the seed-to-seed figure; null
   * without a seed ceiling.
   */
  readonly attainableKendall: number | null;
  /** Seeds the attainable figure assumes: the fewest any compared architecture has. */
  readonly seedsPerArchitecture: number;
}

export function correlate(predictions: ScoreFile, truth: ScoreFile, space: ResNetSpace, topFraction: number): CorrelationReport {
  checkSameArchitectures(predictions, truth);
  const pairs = [...truth.architectures].map(([text, t]) => ({ truth: t, predicted: predictions.architectures.get(text) as ScoredArchitecture }));
  if (pairs.length < 2) throw new InputError(`${truth.source} scores ${pairs.length} architecture; a correlation needs at least 2`);
  const truthScores = pairs.map((p) => p.truth.score);
  const fromTable = pairs.every((p) => p.truth.params !== undefined);
  const params = pairs.map((p) => (fromTable ? (p.truth.params as number) : genomeCost(p.truth.genome, space).params));
  const seeded = pairs.filter((p) => (p.truth.acc?.length ?? 0) >= 2);
  const seedCeiling =
    seeded.length >= 2
      ? rankAgreement(seeded.map((p) => p.truth.acc?.[0] as number), seeded.map((p) => p.truth.acc?.[1] as number), topFraction)
      : null;
  const seedsPerArchitecture = Math.min(...pairs.map((p) => Math.max(1, p.truth.acc?.length ?? 1)));
  return {
    predictions: predictions.source,
    truth: truth.source,
    space: space.name,
    architectures: pairs.length,
    topFraction,
    topCount: topCount(pairs.length, topFraction),
    predicted: rankAgreement(pairs.map((p) => p.predicted.score), truthScores, topFraction),
    paramsFloor: { ...rankAgreement(params, truthScores, topFraction), paramsFrom: fromTable ? 'truth table' : 'cost model' },
    seedCeiling,
    attainableKendall: seedCeiling && !Number.isNaN(seedCeiling.kendallTau) ? attainableKendall(seedCeiling.kendallTau, seedsPerArchitecture) : null,
    seedsPerArchitecture,
  };
}

/** Every architecture must be in both files; the error names the first few that are not. */
function checkSameArchitectures(predictions: ScoreFile, truth: ScoreFile): void {
  const missing = (from: ScoreFile, to: ScoreFile) => [...from.architectures.values()].filter((a) => !to.architectures.has(formatKey(a)));
  for (const [from, to] of [[truth, predictions], [predictions, truth]] as const) {
    const absent = missing(from, to);
    if (absent.length > 0) {
      const named = absent.slice(0, 3).map((a) => (a.label === formatKey(a) ? a.label : `${a.label} (${formatKey(a)})`));
      throw new InputError(
        `${absent.length} architecture${absent.length === 1 ? '' : 's'} of ${from.source} ${absent.length === 1 ? 'is' : 'are'} not in ${to.source}: ` +
          `${named.join(', ')}${absent.length > 3 ? ', ...' : ''}; both files must score the same architectures`,
      );
    }
  }
}

const formatKey = (a: ScoredArchitecture) => a.genome.join('-');
