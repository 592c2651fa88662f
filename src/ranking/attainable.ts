/**
 * The Kendall tau a perfect predictor could reach against a noisy ground truth.
 *
 * The seed-to-seed agreement (seed 1's accuracies against seed 2's) compares two noisy copies
 * with each other, so it understates what a predictor that knew the noise-free ranking would
 * score against the truth's seed mean: the mean of k seeds is less noisy than one seed, and a
 * predictor carries no noise of its own. A predictor can therefore beat the seed-to-seed figure;
 * this is the figure it cannot beat.
 *
 * Under the usual model (accuracy = architecture's true value + independent seed noise of one
 * variance, jointly normal) the steps are:
 * - one seed's reliability r (the share of its variance that is the architecture's) equals the
 *   seed-to-seed correlation, read from Kendall's tau by Greiner's relation r = sin(pi tau / 2);
 * - the mean of k seeds has reliability R = k r / (1 + (k - 1) r) (Spearman-Brown);
 * - the true values correlate with that mean by sqrt(R), which is tau = (2 / pi) asin(sqrt(R)).
 */

/**
 * Estimated Kendall tau of the noise-free ranking against the mean of `seeds` seeds, given the
 * Kendall tau of one seed against another. 0 when the seeds do not agree at all (or disagree):
 * then the truth's order is noise.
 */
export function attainableKendall(seedToSeedKendall: number, seeds: number): number {
  if (!(seedToSeedKendall >= -1 && seedToSeedKendall <= 1)) throw new RangeError(`a Kendall tau lies in [-1, 1] (got ${seedToSeedKendall})`);
  if (!Number.isInteger(seeds) || seeds < 1) throw new RangeError(`seeds must be an integer of at least 1 (got ${seeds})`);
  const reliability = Math.sin((Math.PI * seedToSeedKendall) / 2);
  if (reliability <= 0) return 0;
  const meanReliability = (seeds * reliability) / (1 + (seeds - 1) * reliability);
  return (2 / Math.PI) * Math.asin(Math.sqrt(meanReliability));
}
