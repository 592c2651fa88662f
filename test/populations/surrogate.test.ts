import t from 'tap';
import fc from 'fast-check';
import { fitEnsemble } from '../../populations/surrogate/ensemble.js';
import { featureMap } from '../../populations/surrogate/features.js';
import { improvement, selectBatch, staircase, withPoint, type Point } from '../../populations/surrogate/improvement.js';
import { choleskySolve, fitRidge, predict } from '../../populations/surrogate/ridge.js';
import { Rng } from '../../src/random/rng.js';
import { hypervolume2d } from '../../src/search/hypervolume.js';
import { getSpace, position } from '../../src/space/index.js';
import { CHANNEL_BENCH_RESNET } from '../../src/tabular/index.js';
import { holds } from '../helpers/property.js';

t.test('Cholesky solves a hand-checked system', async (t) => {
  // A = [[4, 2, 0], [2, 5, 1], [0, 1, 3]] (lower triangle given), x = [1, -1, 2] -> b = [2, -1, 5].
  const a = Float64Array.from([4, 0, 0, 2, 5, 0, 0, 1, 3]);
  const x = choleskySolve(a, Float64Array.from([2, -1, 5]), 3);
  [1, -1, 2].forEach((v, i) => t.ok(Math.abs((x[i] as number) - v) < 1e-12, `x[${i}] = ${v}`));
});

t.test('ridge with a tiny penalty recovers a linear function; a weight of 2 counts as a repeated row', async (t) => {
  const rng = Rng.fromSeed(5);
  const rows = Array.from({ length: 40 }, () => Float64Array.from({ length: 4 }, () => (rng.bool(0.5) ? 0 : rng.float())));
  const truth = (r: Float64Array) => 0.5 + 2 * r[0]! - r[1]! + 0.25 * r[2]! + 3 * r[3]!;
  const model = fitRidge(rows, rows.map(truth), 1e-9);
  t.ok(Math.abs(model.intercept - 0.5) < 1e-6, `intercept ${model.intercept}`);
  [2, -1, 0.25, 3].forEach((w, j) => t.ok(Math.abs(model.weights[j]! - w) < 1e-6, `weight ${j}: ${model.weights[j]}`));
  const probe = Float64Array.from([0.3, 0.1, 0.9, 0.2]);
  t.ok(Math.abs(predict(model, probe) - truth(probe)) < 1e-6, 'predicts an unseen row');

  const noisy = rows.map((r, i) => truth(r) + (i % 3) * 0.1);
  const weights = rows.map((_, i) => (i % 4 === 0 ? 2 : i % 5 === 0 ? 0 : 1));
  const repeated = rows.flatMap((r, i) => Array.from({ length: weights[i]! }, () => r));
  const repeatedY = noisy.flatMap((y, i) => Array.from({ length: weights[i]! }, () => y));
  const [weighted, copied] = [fitRidge(rows, noisy, 0.5, weights), fitRidge(repeated, repeatedY, 0.5)];
  t.ok(Math.abs(weighted.intercept - copied.intercept) < 1e-9);
  t.ok(weighted.weights.every((w, j) => Math.abs(w - copied.weights[j]!) < 1e-9), 'same weights');
});

t.test('the ensemble is sure where the data are dense and consistent, unsure where they are not', async (t) => {
  const rng = Rng.fromSeed(8);
  // Feature 1 is seen set in only 2 of 60 rows, with targets that disagree.
  const rows = Array.from({ length: 60 }, (_, i) => Float64Array.from([rng.float(), i < 2 ? 1 : 0]));
  const targets = rows.map((r, i) => 1 + r[0]! + (i === 0 ? 3 : i === 1 ? -3 : 0));
  const ensemble = fitEnsemble(rows, targets, rng);
  const seen = ensemble.predict(Float64Array.from([0.5, 0]));
  const rare = ensemble.predict(Float64Array.from([0.5, 1]));
  t.ok(Math.abs(seen.mean - 1.5) < 0.1, `mean ${seen.mean} near 1.5`);
  t.ok(rare.spread > 3 * seen.spread, `spread ${rare.spread} on the rare feature vs ${seen.spread}`);
});

t.test('features: one-hot widths plus pair products, all pairs for short genomes, neighbours for long ones', async (t) => {
  const bench = featureMap(CHANNEL_BENCH_RESNET);
  t.equal(bench.size, 7 * 4 + 21);
  const x = bench.of([128, 64, 256, 512, 128, 384, 512]); // choices 2, 1, 4, 4, 1, 3, 4
  t.same([...x.slice(0, 28)], [0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]);
  t.equal(x[28], (1 / 3) * 0, 'position 0 (1/3) times position 1 (0)');
  t.equal(x[29], (1 / 3) * 1, 'position 0 times position 2 (1)');
  const resnet20 = featureMap(getSpace());
  t.equal(resnet20.size, 7 * 4 + 6 * 8 + 6 * 16 + 18, 'ResNet20: 172 one-hot, 18 neighbouring pairs');
  const fixed = featureMap({ name: 'fixed', positions: [position(0, 'a', [8]), position(1, 'b', [8, 16])] });
  t.equal(fixed.size, 2, 'a position with one choice adds nothing');
});

const hvGain = (stairs: readonly Point[], p: Point, reference: Point) => hypervolume2d([...stairs, p], reference) - hypervolume2d(stairs, reference);

t.test('improvement: hand-computed areas and gaps', async (t) => {
  const reference: Point = [10, 10];
  const stairs = staircase([[2, 8], [5, 4], [8, 1], [6, 6]]); // [6, 6] is dominated by [5, 4]
  t.same(stairs, [[2, 8], [5, 4], [8, 1]]);
  // [3, 5]: strip x 3..5 below 8 down to 5 (2 * 3 = 6), nothing beyond x = 5 (4 < 5).
  t.equal(improvement(stairs, 3, 5, reference), 6);
  // [1, 9]: x 1..2, below 10 down to 9: 1.
  t.equal(improvement(stairs, 1, 9, reference), 1);
  // [5, 2]: x 5..8 below 4 down to 2 (6), beyond 8 nothing (1 < 2).
  t.equal(improvement(stairs, 5, 2, reference), 6);
  t.equal(improvement(stairs, 6, 5, reference), -1, 'dominated by [5, 4]: 1 too much error');
  t.equal(improvement(stairs, 5, 4, reference), 0, 'a member of the front');
  t.equal(improvement(stairs, 11, 0, reference), -Infinity, 'beyond the reference');
  t.equal(improvement([], 4, 6, reference), 24, 'alone: its box to the reference');
});

t.test('improvement equals the hypervolume gained, for any front and point', async (t) => {
  const coordinate = fc.integer({ min: 0, max: 40 }).map((v) => v / 4);
  const point = fc.tuple(coordinate, coordinate);
  holds(t, 'improvement = HV(front + p) - HV(front) when positive', fc.property(fc.array(point, { maxLength: 12 }), point, (points, p) => {
    const reference: Point = [10.5, 10.5];
    const stairs = staircase(points);
    const score = improvement(stairs, p[0], p[1], reference);
    const gain = hvGain(stairs, p, reference);
    return score > 0 ? Math.abs(score - gain) < 1e-9 : gain < 1e-9 && hypervolume2d(withPoint(stairs, p), reference) === hypervolume2d(stairs, reference);
  }));
});

t.test('a batch fills the front\'s gaps: each pick joins the front before the next is scored', async (t) => {
  const reference: Point = [1.1, 1.1];
  const front: Point[] = [[0, 1], [1, 0]];
  // Two candidates nearly at the same point in the middle of the gap, one at another gap.
  const candidates = [
    { cost: 0.5, optimistic: 0.5, expected: 0.5 },
    { cost: 0.51, optimistic: 0.5, expected: 0.5 },
    { cost: 0.25, optimistic: 0.8, expected: 0.8 },
  ];
  t.same(selectBatch(front, candidates, 2, reference), [0, 2], 'the twin of the first pick adds little once it is taken');
  t.same(selectBatch(front, candidates, 5, reference).sort(), [0, 1, 2], 'no more picks than candidates');
});
