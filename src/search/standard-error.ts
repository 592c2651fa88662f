/**
 * How precisely an accuracy is known. An accuracy measured on n validation images is a binomial
 * proportion: its standard error is sqrt(p(1-p)/n) — about 1.1 points at 86% on 1,000 images,
 * larger than the steps between neighbours on a typical front. Shown beside every accuracy so a
 * reader does not take a 0.3-point step for a real difference.
 */

/** The binomial standard error of an accuracy (a fraction) measured on `images` images. */
export function accuracyStandardError(accuracy: number, images: number): number {
  if (!(images >= 1) || !(accuracy >= 0 && accuracy <= 1)) return Number.NaN;
  return Math.sqrt((accuracy * (1 - accuracy)) / images);
}

/**
 * The validation images each candidate of a run was measured on: the supernet evaluator's count;
 * null for a table (its accuracies are means over trainings, with no image count to go by).
 */
export function validationImagesOf(config: { readonly evaluator: string | null; readonly validationImages: number }): number | null {
  return config.evaluator === null || config.evaluator === 'supernet' ? config.validationImages : null;
}
