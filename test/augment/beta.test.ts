import t from 'tap';
import fc from 'fast-check';
import { sampleBeta } from '../../src/augment/index.js';
import { Rng } from '../../src/random/rng.js';
import { holds, seedArb } from '../helpers/property.js';

t.test('Beta draws lie in [0, 1] for any shapes, however small', async (t) => {
  const shapeArb = fc.double({ min: 1e-3, max: 50, noNaN: true });
  holds(t, 'in range', fc.property(shapeArb, shapeArb, seedArb, (a, b, seed) => {
    const x = sampleBeta(a, b, Rng.fromSeed(seed));
    return x >= 0 && x <= 1;
  }));
});

t.test('the sample mean and variance match Beta(a, b)', async (t) => {
  for (const [a, b] of [[0.2, 0.2], [1, 1], [2, 5], [0.5, 3], [40, 40]] as const) {
    const rng = Rng.fromSeed(11);
    const n = 20_000;
    const draws = Array.from({ length: n }, () => sampleBeta(a, b, rng));
    const mean = draws.reduce((s, x) => s + x, 0) / n;
    const variance = draws.reduce((s, x) => s + (x - mean) ** 2, 0) / n;
    const [trueMean, trueVariance] = [a / (a + b), (a * b) / ((a + b) ** 2 * (a + b + 1))];
    t.ok(Math.abs(mean - trueMean) < 5 * Math.sqrt(trueVariance / n), `Beta(${a}, ${b}) mean ${mean.toFixed(4)} vs ${trueMean.toFixed(4)}`);
    t.ok(Math.abs(variance / trueVariance - 1) < 0.06, `Beta(${a}, ${b}) variance ${variance.toFixed(5)} vs ${trueVariance.toFixed(5)}`);
  }
});

t.test('bad shapes are refused', async (t) => {
  t.throws(() => sampleBeta(0, 1, Rng.fromSeed(0)), { message: /Beta parameters must be finite and > 0 \(got 0, 1\)/ });
  t.throws(() => sampleBeta(1, Number.POSITIVE_INFINITY, Rng.fromSeed(0)), RangeError);
});
