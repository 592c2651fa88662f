/**
 * Hypervolume in two dimensions (Zitzler and Thiele 1999, the "S metric"): the area dominated by
 * a set of points and bounded by a reference point, both objectives minimised. Larger is better;
 * a point that does not strictly beat the reference in both objectives adds nothing.
 */
import type { Objectives } from './dominance.js';

/** The area of the union of the boxes [p, reference] over the points. */
export function hypervolume2d(points: readonly Objectives[], reference: readonly [number, number]): number {
  const [r0, r1] = reference;
  const inside = points
    .map((p) => [p[0] as number, p[1] as number] as const)
    .filter(([x, y]) => x < r0 && y < r1)
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  // Sweep along the first objective; each point adds the strip between its own second
  // objective and the lowest one seen so far.
  let area = 0;
  let lowest = r1;
  for (const [x, y] of inside) {
    if (y >= lowest) continue; // dominated (or equal) to a point already swept
    area += (r0 - x) * (lowest - y);
    lowest = y;
  }
  return area;
}
