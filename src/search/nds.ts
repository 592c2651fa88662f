/**
 * Fast non-dominated sorting (Deb et al. 2002, NSGA-II, section III-A): splits points into fronts
 * F1, F2, ... where F1 holds the points no other point dominates, F2 those dominated only by F1,
 * and so on. O(M N^2) comparisons for N points and M objectives.
 */
import { constrainedDominates, type Objectives } from './dominance.js';

/**
 * The fronts, best first, as indices into `objectives`, each front in ascending index order.
 * With `violations`, constrained domination decides (see {@link constrainedDominates}); without,
 * every point is feasible.
 */
export function nonDominatedSort(objectives: readonly Objectives[], violations?: readonly number[]): number[][] {
  const n = objectives.length;
  const violation = (i: number) => violations?.[i] ?? 0;
  const beats = (i: number, j: number) =>
    constrainedDominates(objectives[i] as Objectives, violation(i), objectives[j] as Objectives, violation(j));

  const dominated: number[][] = Array.from({ length: n }, () => []); // S_p: the points p dominates
  const dominatedBy = new Array<number>(n).fill(0); // n_p: how many points dominate p
  for (let p = 0; p < n; p++) {
    for (let q = p + 1; q < n; q++) {
      if (beats(p, q)) {
        (dominated[p] as number[]).push(q);
        dominatedBy[q] = (dominatedBy[q] as number) + 1;
      } else if (beats(q, p)) {
        (dominated[q] as number[]).push(p);
        dominatedBy[p] = (dominatedBy[p] as number) + 1;
      }
    }
  }

  const fronts: number[][] = [];
  let current = [...Array(n).keys()].filter((p) => dominatedBy[p] === 0);
  while (current.length > 0) {
    fronts.push(current);
    const next: number[] = [];
    for (const p of current) {
      for (const q of dominated[p] as number[]) {
        dominatedBy[q] = (dominatedBy[q] as number) - 1;
        if (dominatedBy[q] === 0) next.push(q);
      }
    }
    current = next.sort((a, b) => a - b);
  }
  return fronts;
}

/** The front index (0 = non-dominated) of every point, from {@link nonDominatedSort}'s fronts. */
export function ranksOf(fronts: readonly (readonly number[])[], n: number): number[] {
  const ranks = new Array<number>(n).fill(0);
  fronts.forEach((front, rank) => front.forEach((i) => (ranks[i] = rank)));
  return ranks;
}
