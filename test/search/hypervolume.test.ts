import t from 'tap';
import fc from 'fast-check';
import { archiveHypervolume, HYPERVOLUME_REFERENCE, hypervolume2d, type Individual } from '../../src/search/index.js';
import { holds } from '../helpers/property.js';

t.test('2-D hypervolume equals hand-computed areas', async (t) => {
  const ref: [number, number] = [4, 4];
  t.equal(hypervolume2d([], ref), 0, 'no points');
  t.equal(hypervolume2d([[1, 1]], ref), 9, 'one box 3 x 3');
  // Boxes [1,4]x[3,4] (3) and [2,4]x[1,4] (6) overlap in [2,4]x[3,4] (2): 3 + 6 - 2.
  t.equal(hypervolume2d([[1, 3], [2, 1]], ref), 7, 'two boxes, overlap counted once');
  t.equal(hypervolume2d([[2, 1], [1, 3], [3, 3]], ref), 7, 'a dominated point adds nothing');
  t.equal(hypervolume2d([[1, 3], [1, 3]], ref), 3, 'a duplicate adds nothing');
  t.equal(hypervolume2d([[4, 0], [0, 4], [5, 5]], ref), 0, 'points on or beyond the reference add nothing');
  // A staircase under [4, 4], swept as strips: (4-1)(4-3) + (4-2)(3-2) + (4-3)(2-1) = 3 + 2 + 1.
  t.equal(hypervolume2d([[3, 1], [1, 3], [2, 2]], ref), 6, 'a staircase, in any order');
});

t.test('hypervolume never falls when a point is added', async (t) => {
  const pointArb = fc.tuple(fc.double({ min: 0, max: 5, noNaN: true }), fc.double({ min: 0, max: 5, noNaN: true }));
  holds(t, 'monotone', fc.property(fc.array(pointArb, { maxLength: 15 }), pointArb, (points, extra) =>
    hypervolume2d([...points, extra], [4, 4]) >= hypervolume2d(points, [4, 4]) - 1e-12));
});

t.test('the archive hypervolume normalises cost by the largest genome and uses the documented reference', async (t) => {
  t.same(HYPERVOLUME_REFERENCE, [1, 1.1]);
  const member = (error: number, params: number): Individual => ({ genome: [], hash: `${error}-${params}`, objectives: [error, params], violation: 0 });
  // error 0.1, cost 500 of 1000 -> box (1 - 0.1) x (1.1 - 0.5) = 0.54.
  t.equal(archiveHypervolume([member(0.1, 500)], 1000).toFixed(12), (0.9 * 0.6).toFixed(12));
  t.ok(archiveHypervolume([member(0.05, 1000)], 1000) > 0, 'the largest genome still adds area');
});
