import t from 'tap';
import fc from 'fast-check';
import { constrainedDominates, dominates, nonDominatedSort, ranksOf, type Objectives } from '../../src/search/index.js';
import { holds } from '../helpers/property.js';

/** The reference: peel off, again and again, the points no remaining point dominates. */
function bruteForceFronts(points: readonly Objectives[], violations?: readonly number[]): number[][] {
  const v = (i: number) => violations?.[i] ?? 0;
  let remaining = [...points.keys()];
  const fronts: number[][] = [];
  while (remaining.length > 0) {
    const front = remaining.filter((i) => !remaining.some((j) => constrainedDominates(points[j]!, v(j), points[i]!, v(i))));
    fronts.push(front);
    remaining = remaining.filter((i) => !front.includes(i));
  }
  return fronts;
}

const CASES: { name: string; points: number[][]; violations?: number[]; fronts: number[][] }[] = [
  { name: 'no points', points: [], fronts: [] },
  { name: 'a single point', points: [[1, 2]], fronts: [[0]] },
  { name: 'two identical points (neither dominates)', points: [[1, 1], [1, 1]], fronts: [[0, 1]] },
  { name: 'duplicates behind a better point', points: [[2, 2], [1, 1], [2, 2]], fronts: [[1], [0, 2]] },
  { name: 'a tie in one objective is decided by the other', points: [[1, 2], [1, 3]], fronts: [[0], [1]] },
  { name: 'all on one front', points: [[1, 4], [2, 3], [3, 2], [4, 1]], fronts: [[0, 1, 2, 3]] },
  { name: 'an all-dominated chain', points: [[3, 3], [1, 1], [4, 4], [2, 2]], fronts: [[1], [3], [0], [2]] },
  { name: 'three objectives', points: [[1, 2, 3], [3, 2, 1], [2, 2, 2], [3, 3, 3]], fronts: [[0, 1, 2], [3]] },
  { name: 'two interleaved fronts', points: [[1, 3], [2, 4], [3, 1], [4, 2], [2, 2]], fronts: [[0, 2, 4], [1, 3]] },
  { name: 'infeasible points rank after every feasible one', points: [[1, 1], [5, 5], [0, 0]], violations: [0.5, 0, 0.1], fronts: [[1], [2], [0]] },
  { name: 'infeasible points with equal violation tie', points: [[1, 1], [2, 2]], violations: [0.3, 0.3], fronts: [[0, 1]] },
  { name: 'negative and infinite objectives', points: [[-1, Infinity], [0, 0], [-2, 5]], fronts: [[1, 2], [0]] },
];

t.test('fast non-dominated sort agrees with brute force on named edge cases', async (t) => {
  for (const { name, points, violations, fronts } of CASES) {
    t.same(nonDominatedSort(points, violations), fronts, name);
    t.same(bruteForceFronts(points, violations), fronts, `${name} (reference)`);
  }
});

const pointsArb = fc.integer({ min: 2, max: 3 }).chain((m) =>
  fc.array(fc.array(fc.integer({ min: 0, max: 5 }), { minLength: m, maxLength: m }), { maxLength: 40 }));

t.test('fast non-dominated sort agrees with brute force on random points, ties included', async (t) => {
  holds(t, 'same fronts', fc.property(pointsArb, (points) =>
    JSON.stringify(nonDominatedSort(points)) === JSON.stringify(bruteForceFronts(points))));
  const withViolations = pointsArb.chain((points) =>
    fc.array(fc.constantFrom(0, 0, 0.1, 0.5), { minLength: points.length, maxLength: points.length }).map((v) => ({ points, v })));
  holds(t, 'same fronts under constrained domination', fc.property(withViolations, ({ points, v }) =>
    JSON.stringify(nonDominatedSort(points, v)) === JSON.stringify(bruteForceFronts(points, v))));
});

t.test('fronts partition the points, and no point is dominated by a point of its own or a later front', async (t) => {
  holds(t, 'partition and order', fc.property(pointsArb, (points) => {
    const fronts = nonDominatedSort(points);
    const ranks = ranksOf(fronts, points.length);
    const all = fronts.flat().sort((a, b) => a - b);
    return (
      JSON.stringify(all) === JSON.stringify([...points.keys()]) &&
      points.every((p, i) => points.every((q, j) => !dominates(q, p) || ranks[j]! < ranks[i]!))
    );
  }));
});

t.test('domination needs strict improvement somewhere; constrained domination puts feasibility first', async (t) => {
  t.ok(dominates([1, 2], [1, 3]));
  t.notOk(dominates([1, 2], [1, 2]), 'equal points do not dominate');
  t.notOk(dominates([1, 3], [2, 2]), 'a trade-off does not dominate');
  t.ok(constrainedDominates([9, 9], 0, [0, 0], 0.1), 'feasible beats infeasible whatever the objectives');
  t.ok(constrainedDominates([9, 9], 0.1, [0, 0], 0.2), 'the smaller violation wins');
  t.notOk(constrainedDominates([0, 0], 0.2, [9, 9], 0.1));
});
