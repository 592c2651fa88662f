/**
 * The rank statistics against hand-computed values on small named cases (ties included), and
 * their defining properties on random lists.
 */
import fc from 'fast-check';
import t from 'tap';
import { kendallTauB } from '../../src/ranking/kendall.js';
import { pearson } from '../../src/ranking/pearson.js';
import { averageRanks } from '../../src/ranking/ranks.js';
import { spearman } from '../../src/ranking/spearman.js';
import { topOverlap } from '../../src/ranking/top-overlap.js';
import { holds } from '../helpers/property.js';

const close = (a: number, b: number) => Math.abs(a - b) < 1e-12;

/**
 * Each case worked by hand (pairs counted one by one; ranks averaged over ties):
 * - swap: (1,2) c, (1,3) c, (2,3) d -> tau (2 - 1) / 3; ranks d = 0, 1, -1 -> rho 1 - 6 * 2 / (3 * 8).
 * - ties both: pairs c, c, c, tied-x, c, tied-y -> tau 4 / sqrt(5 * 5); ranks x 1, 2.5, 2.5, 4 and
 *   y 1, 2, 3.5, 3.5, centred at 2.5: sum dx dy = 3.75, sum dx^2 = sum dy^2 = 4.5 -> rho 3.75 / 4.5.
 * - ties reversed: x 1,1,2,3 against y 3,2,2,1: tied-x, d, d, tied-y, d, d -> tau -4/5; rho -3.75/4.5.
 * - tie in both of one pair: x 1,1,2 / y 5,5,6: tied-xy, c, c -> tau 2 / sqrt(2 * 2) = 1.
 * - pearson 1,2,3 / 2,4,7: centred -1,0,1 and -7/3,-1/3,8/3: sum dx dy = 5, sum dx^2 = 2,
 *   sum dy^2 = 114/9 -> r = 5 / sqrt(228 / 9).
 */
const cases: { name: string; x: number[]; y: number[]; tau: number; rho: number; r?: number }[] = [
  { name: 'identical', x: [1, 2, 3, 4, 5], y: [10, 20, 30, 40, 50], tau: 1, rho: 1, r: 1 },
  { name: 'reversed', x: [1, 2, 3, 4], y: [4, 3, 2, 1], tau: -1, rho: -1, r: -1 },
  { name: 'one swap', x: [1, 2, 3], y: [1, 3, 2], tau: 1 / 3, rho: 0.5 },
  { name: 'ties in both lists', x: [1, 2, 2, 3], y: [1, 2, 3, 3], tau: 0.8, rho: 3.75 / 4.5 },
  { name: 'ties, reversed', x: [1, 1, 2, 3], y: [3, 2, 2, 1], tau: -0.8, rho: -3.75 / 4.5 },
  { name: 'a pair tied in both', x: [1, 1, 2], y: [5, 5, 6], tau: 1, rho: 1 },
  { name: 'pearson by hand', x: [1, 2, 3], y: [2, 4, 7], tau: 1, rho: 1, r: 5 / Math.sqrt(228 / 9) },
];

t.test('Kendall tau-b, Spearman and Pearson equal the hand-computed values', async (t) => {
  for (const c of cases) {
    t.ok(close(kendallTauB(c.x, c.y), c.tau), `${c.name}: tau-b ${kendallTauB(c.x, c.y)} = ${c.tau}`);
    t.ok(close(spearman(c.x, c.y), c.rho), `${c.name}: rho ${spearman(c.x, c.y)} = ${c.rho}`);
    if (c.r !== undefined) t.ok(close(pearson(c.x, c.y), c.r), `${c.name}: r ${pearson(c.x, c.y)} = ${c.r}`);
  }
  t.same(averageRanks([30, 10, 20, 10]), [4, 1.5, 3, 1.5], 'ties share the mean of their positions');
  t.ok(Number.isNaN(kendallTauB([1, 1, 1], [1, 2, 3])) && Number.isNaN(spearman([2, 2], [1, 3])) && Number.isNaN(pearson([1, 2], [5, 5])), 'undefined (NaN) for a constant list');
  t.throws(() => kendallTauB([1, 2], [1, 2, 3]), { message: /differ in length \(2 and 3\)/ });
  t.throws(() => pearson([1], [1]), { message: /at least 2 pairs/ });
});

t.test('the top-10% overlap counts the shared members of both tops', async (t) => {
  const truth = Array.from({ length: 20 }, (_, i) => i); // top 10% = the 2 largest: indices 18, 19
  t.equal(topOverlap(truth, truth), 1);
  t.equal(topOverlap(truth.map((v) => -v), truth), 0, 'reversed: none shared');
  t.equal(topOverlap(truth.map((v) => (v === 18 ? -1 : v)), truth), 0.5, 'one of the two moved out of the top');
  t.equal(topOverlap([3, 1, 2], [1, 2, 3], 0.5), 0.5, 'k = ceil(0.5 * 3) = 2: predicted top {0, 2}, true top {2, 1}, one shared');
});

const list = (n: number) => fc.array(fc.integer({ min: -5, max: 5 }), { minLength: n, maxLength: n });
const pairs = fc.integer({ min: 2, max: 25 }).chain((n) => fc.tuple(list(n), list(n)));
const varied = (v: number[]) => new Set(v).size > 1;

t.test('rank statistics have their defining properties', async (t) => {
  holds(t, 'tau of a varied list with itself is 1, with its reverse -1', fc.property(pairs, ([x]) => !varied(x) || (close(kendallTauB(x, x), 1) && close(kendallTauB(x, x.map((v) => -v)), -1))));
  holds(t, 'tau, rho and r are symmetric', fc.property(pairs, ([x, y]) => [kendallTauB, spearman, pearson].every((f) => Object.is(f(x, y), f(y, x)) || close(f(x, y), f(y, x)))));
  holds(
    t,
    'tau, rho and r lie in [-1, 1] (or are undefined for a constant list)',
    fc.property(pairs, ([x, y]) => [kendallTauB, spearman, pearson].every((f) => (varied(x) && varied(y) ? Math.abs(f(x, y)) <= 1 + 1e-12 : Number.isNaN(f(x, y))))),
  );
  holds(t, 'Spearman is Pearson of the average ranks', fc.property(pairs, ([x, y]) => Object.is(spearman(x, y), pearson(averageRanks(x), averageRanks(y)))));
  holds(
    t,
    'a strictly increasing transform leaves tau and rho unchanged',
    fc.property(pairs, ([x, y]) => !varied(x) || !varied(y) || (close(kendallTauB(x.map((v) => v ** 3 + 7), y), kendallTauB(x, y)) && close(spearman(x.map(Math.exp), y), spearman(x, y)))),
  );
  holds(t, 'average ranks sum to n (n + 1) / 2', fc.property(pairs, ([x]) => close(averageRanks(x).reduce((s, r) => s + r, 0), (x.length * (x.length + 1)) / 2)));
});
