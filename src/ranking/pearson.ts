/**
 * Pearson's correlation coefficient: the covariance of two lists over the product of their
 * standard deviations. NaN when either list is constant (the coefficient is undefined there).
 */
import { checkPaired } from './paired.js';

export function pearson(x: readonly number[], y: readonly number[]): number {
  checkPaired(x, y);
  const n = x.length;
  const mean = (v: readonly number[]) => v.reduce((s, a) => s + a, 0) / n;
  const [mx, my] = [mean(x), mean(y)];
  let [sxy, sxx, syy] = [0, 0, 0];
  for (let i = 0; i < n; i++) {
    const [dx, dy] = [(x[i] as number) - mx, (y[i] as number) - my];
    [sxy, sxx, syy] = [sxy + dx * dy, sxx + dx * dx, syy + dy * dy];
  }
  if (sxx === 0 || syy === 0) return NaN;
  // Clamped: rounding can carry |r| a hair past 1 for (anti)proportional lists.
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}
