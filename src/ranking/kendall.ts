/**
 * Kendall's tau-b (Kendall 1945), the rank agreement that accounts for ties in either list:
 *
 *   tau_b = (concordant - discordant) / sqrt((n0 - tiesX) (n0 - tiesY)),  n0 = n (n - 1) / 2,
 *
 * where tiesX counts the pairs tied in x (tiesY in y); a pair tied in both counts in both and
 * is neither concordant nor discordant (scipy.stats.kendalltau's default variant). NaN when either
 * list is constant. Every pair is
 * visited (O(n^2)): a thousand architectures take about a millisecond, ten thousand a fraction of
 * a second.
 */
import { checkPaired } from './paired.js';

export function kendallTauB(x: readonly number[], y: readonly number[]): number {
  checkPaired(x, y);
  const n = x.length;
  let [concordant, discordant, tiesX, tiesY] = [0, 0, 0, 0];
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const dx = Math.sign((x[j] as number) - (x[i] as number));
      const dy = Math.sign((y[j] as number) - (y[i] as number));
      if (dx === 0) tiesX += 1;
      if (dy === 0) tiesY += 1;
      if (dx !== 0 && dy !== 0) {
        if (dx === dy) concordant += 1;
        else discordant += 1;
      }
    }
  }
  const pairs = (n * (n - 1)) / 2;
  const denominator = Math.sqrt((pairs - tiesX) * (pairs - tiesY));
  if (denominator === 0) return NaN;
  return (concordant - discordant) / denominator;
}
