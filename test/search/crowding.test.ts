import t from 'tap';
import fc from 'fast-check';
import { crowdingDistance } from '../../src/search/index.js';
import { holds } from '../helpers/property.js';

t.test('crowding distance: extremes are infinite, inner points sum their normalised gaps', async (t) => {
  t.same(crowdingDistance([]), []);
  t.same(crowdingDistance([[1, 1]]), [Infinity]);
  t.same(crowdingDistance([[0, 4], [4, 0]]), [Infinity, Infinity]);
  // Objective ranges are 4 and 4: point [1,3] has neighbours [0,4] and [2,2] in both, so
  // (2 - 0) / 4 + (4 - 2) / 4 = 1; point [2,2]: (4 - 1) / 4 + (3 - 0) / 4 = 1.5.
  t.same(crowdingDistance([[0, 4], [1, 3], [2, 2], [4, 0]]), [Infinity, 1, 1.5, Infinity]);
  // An objective on which all points agree adds nothing (no division by zero).
  t.same(crowdingDistance([[0, 7], [1, 7], [3, 7]]), [Infinity, 1, Infinity]);
});

t.test('crowding distance is non-negative and does not depend on the scale of an objective', async (t) => {
  const frontArb = fc.array(fc.tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 })), { minLength: 1, maxLength: 20 });
  holds(t, 'scale free', fc.property(frontArb, fc.integer({ min: 1, max: 1000 }), (front, scale) => {
    const plain = crowdingDistance(front);
    const scaled = crowdingDistance(front.map(([a, b]) => [a * scale, b]));
    return plain.every((d, i) => d >= 0 && (d === scaled[i] || Math.abs(d - scaled[i]!) < 1e-9));
  }));
});
