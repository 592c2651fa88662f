/**
 * Choosing a batch by predicted hypervolume improvement, in two dimensions (cost, error), both
 * minimised and normalised: each pick is the candidate whose optimistic point adds the most area
 * to the front, and the pick then joins the front at its expected point, so the next pick goes
 * where the front still has gaps ("kriging believer", Ginsbourger et al. 2010). A candidate
 * predicted to be dominated scores minus the error it would have to lose to reach the front, so
 * when no candidate is expected to improve the front, those closest to it go first.
 */

export type Point = readonly [cost: number, error: number];

export interface Candidate {
  readonly cost: number;
  /** The error used to score: the predicted error less a multiple of its uncertainty. */
  readonly optimistic: number;
  /** The error the pick joins the front with: the predicted error. */
  readonly expected: number;
}

/** The non-dominated points sorted by cost ascending (so error strictly descending). */
export function staircase(points: readonly Point[]): Point[] {
  const sorted = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: Point[] = [];
  for (const p of sorted) if (out.length === 0 || p[1] < (out.at(-1) as Point)[1]) out.push(p);
  return out;
}

/** Index of the first step whose cost exceeds `cost`. */
function firstAfter(stairs: readonly Point[], cost: number): number {
  let [lo, hi] = [0, stairs.length];
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((stairs[mid] as Point)[0] <= cost) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The area the point (x, y) adds to the staircase's hypervolume against `reference` when it is not
 * dominated; otherwise minus how much lower its error would have to be to not be dominated (0 for a
 * point of the staircase itself).
 */
export function improvement(stairs: readonly Point[], x: number, y: number, reference: Point): number {
  const [rx, ry] = reference;
  if (x >= rx) return -Infinity; // beyond the reference: never adds area
  let at = firstAfter(stairs, x);
  let ceiling = Math.min(ry, at > 0 ? (stairs[at - 1] as Point)[1] : ry);
  if (y >= ceiling) return ceiling - y;
  let area = 0;
  let from = x;
  for (; at < stairs.length && ceiling > y; at++) {
    const [fx, fy] = stairs[at] as Point;
    if (fx >= rx) break;
    area += (fx - from) * (ceiling - y);
    from = fx;
    ceiling = Math.min(ceiling, fy);
  }
  if (ceiling > y) area += (rx - from) * (ceiling - y);
  return area;
}

/** The staircase with `p` added (the steps it dominates removed). */
export function withPoint(stairs: readonly Point[], p: Point): Point[] {
  return staircase([...stairs.filter((s) => !(p[0] <= s[0] && p[1] <= s[1])), p]);
}

/**
 * Up to `count` candidate indices, greedily by improvement over `front` (ties: the earlier
 * candidate), each pick joining the front at its expected point.
 */
export function selectBatch(front: readonly Point[], candidates: readonly Candidate[], count: number, reference: Point): number[] {
  let stairs = staircase(front);
  const taken = new Uint8Array(candidates.length);
  const picks: number[] = [];
  while (picks.length < Math.min(count, candidates.length)) {
    let best = -1;
    let bestScore = -Infinity;
    candidates.forEach((c, i) => {
      if (taken[i]) return;
      const score = improvement(stairs, c.cost, c.optimistic, reference);
      if (score > bestScore || best < 0) [best, bestScore] = [i, score];
    });
    taken[best] = 1;
    picks.push(best);
    const chosen = candidates[best] as Candidate;
    stairs = withPoint(stairs, [chosen.cost, chosen.expected]);
  }
  return picks;
}
