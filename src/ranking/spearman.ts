/**
 * Spearman's rank correlation rho: Pearson's coefficient of the average ranks (ties share the
 * mean of their positions), which stays exact with ties, unlike the 1 - 6 sum d^2 / (n (n^2 - 1))
 * shortcut. NaN when either list is constant.
 */
import { pearson } from './pearson.js';
import { averageRanks } from './ranks.js';
import { checkPaired } from './paired.js';

export function spearman(x: readonly number[], y: readonly number[]): number {
  checkPaired(x, y);
  return pearson(averageRanks(x), averageRanks(y));
}
