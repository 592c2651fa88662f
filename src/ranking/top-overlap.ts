/**
 * How many of the truly best architectures a predictor also puts at the top: the share of the
 * top `fraction` (by truth) that is also in the top `fraction` by prediction. Both tops have
 * k = ceil(fraction * n) members; ties at the boundary are broken by position in the lists, so
 * the figure is a function of the inputs alone.
 */
import { checkPaired } from './paired.js';

/** The top share's size for `n` items. */
export function topCount(n: number, fraction: number): number {
  return Math.max(1, Math.ceil(fraction * n - 1e-9));
}

export function topOverlap(predicted: readonly number[], truth: readonly number[], fraction = 0.1): number {
  checkPaired(predicted, truth);
  if (!(fraction > 0 && fraction <= 1)) throw new RangeError(`the top fraction must be in (0, 1] (got ${fraction})`);
  const k = topCount(predicted.length, fraction);
  const top = (values: readonly number[]) =>
    new Set(
      values
        .map((_, i) => i)
        .sort((a, b) => (values[b] as number) - (values[a] as number) || a - b)
        .slice(0, k),
    );
  const best = top(truth);
  return [...top(predicted)].filter((i) => best.has(i)).length / k;
}
