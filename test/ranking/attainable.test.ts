/**
 * The attainable Kendall: its fixed points, its shape, and a simulated ground truth on which the
 * estimate from two seeds matches what the noise-free ranking actually scores against their mean.
 */
import fc from 'fast-check';
import t from 'tap';
import { attainableKendall } from '../../src/ranking/attainable.js';
import { kendallTauB } from '../../src/ranking/kendall.js';
import { Rng } from '../../src/random/rng.js';
import { holds } from '../helpers/property.js';

t.test('a noiseless truth is attained exactly; a truth of pure noise cannot be attained at all', async (t) => {
  for (const seeds of [1, 2, 5]) {
    t.equal(attainableKendall(1, seeds), 1, `seeds agreeing perfectly, ${seeds} seed(s)`);
    t.equal(attainableKendall(0, seeds), 0, `seeds not agreeing, ${seeds} seed(s)`);
    t.equal(attainableKendall(-0.3, seeds), 0, `seeds disagreeing, ${seeds} seed(s)`);
  }
});

t.test('hand-worked: seeds at tau 0.206, two of them, leave about 0.489 to attain', async (t) => {
  // r = sin(0.103 pi) = 0.3179; R = 2r / (1 + r) = 0.4824; (2 / pi) asin(sqrt R) = 0.4887.
  t.ok(Math.abs(attainableKendall(0.206, 2) - 0.4887) < 5e-4, `${attainableKendall(0.206, 2)}`);
});

const tau = fc.double({ min: 0.01, max: 0.99, noNaN: true });
const seeds = fc.integer({ min: 1, max: 20 });

t.test('properties', async (t) => {
  holds(t, 'a perfect predictor beats the seed-to-seed agreement', fc.property(tau, seeds, (x, k) => attainableKendall(x, k) > x));
  holds(t, 'more seeds leave more to attain', fc.property(tau, seeds, (x, k) => attainableKendall(x, k + 1) > attainableKendall(x, k)));
  // Seeds' taus closer than rounding can tell apart may give one figure: compare distinct ones only.
  holds(t, 'better-agreeing seeds leave more to attain', fc.property(tau, tau, seeds, (a, b, k) => Math.abs(a - b) < 1e-9 || (a < b) === (attainableKendall(a, k) < attainableKendall(b, k))));
  holds(t, 'it stays a Kendall tau', fc.property(tau, seeds, (x, k) => attainableKendall(x, k) > 0 && attainableKendall(x, k) <= 1));
});

t.test('out-of-range input is refused with the value', async (t) => {
  t.throws(() => attainableKendall(1.5, 2), /\[-1, 1\] \(got 1\.5\)/);
  t.throws(() => attainableKendall(Number.NaN, 2), /got NaN/);
  t.throws(() => attainableKendall(0.5, 0), /at least 1 \(got 0\)/);
  t.throws(() => attainableKendall(0.5, 1.5), /got 1\.5/);
});

t.test('on a simulated table (true value + seed noise), the estimate from two seeds matches the truth ranking against their mean', async (t) => {
  const rng = Rng.fromSeed(7);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rng.float())) * Math.cos(2 * Math.PI * rng.float());
  const architectures = 3000;
  for (const noise of [0.5, 1, 2]) {
    const value = Array.from({ length: architectures }, normal);
    const seed1 = value.map((v) => v + noise * normal());
    const seed2 = value.map((v) => v + noise * normal());
    const mean = seed1.map((s, i) => (s + seed2[i]!) / 2);
    const estimated = attainableKendall(kendallTauB(seed1, seed2), 2);
    const actual = kendallTauB(value, mean);
    t.ok(Math.abs(estimated - actual) < 0.03, `noise sd ${noise}: estimated ${estimated.toFixed(3)}, actual ${actual.toFixed(3)}`);
  }
});
