import t from 'tap';
import fc from 'fast-check';
import { mixBatch, mixup, permutation } from '../../src/augment/index.js';
import { Rng } from '../../src/random/rng.js';
import { holds, seedArb } from '../helpers/property.js';
import { batchArb, constantBatch, imageOf, labelsSumToOne, sameBatch } from './arbitraries.js';
import { keepsTheContract } from './contract.js';

const lambdaArb = fc.double({ min: 0, max: 1, noNaN: true });

t.test('mixup keeps the augmentation contract; its soft labels sum to 1', async (t) => {
  keepsTheContract(t, 'mixup α=0.2', mixup(0.2));
  keepsTheContract(t, 'mixup α=1', mixup(1));
});

t.test('λ = 1 is the identity and λ = 0 swaps in the partner', async (t) => {
  holds(t, 'extremes', fc.property(batchArb(), seedArb, (batch, seed) => {
    const partners = permutation(batch.count, Rng.fromSeed(seed));
    const swapped = mixBatch(batch, 0, partners);
    return sameBatch(mixBatch(batch, 1, partners), batch) && partners.every((j, i) => imageOf(swapped, i).every((v, k) => v === imageOf(batch, j)[k]));
  }));
});

t.test('each mixed pixel lies between its two sources (no wrap-around), and labels carry λ', async (t) => {
  holds(t, 'between', fc.property(batchArb(), lambdaArb, seedArb, (batch, lambda, seed) => {
    const partners = permutation(batch.count, Rng.fromSeed(seed));
    const out = mixBatch(batch, lambda, partners);
    const between = partners.every((j, i) => imageOf(out, i).every((v, k) => {
      const [a, b] = [imageOf(batch, i)[k]!, imageOf(batch, j)[k]!];
      return v >= Math.min(a, b) && v <= Math.max(a, b) && Math.abs(v - (lambda * a + (1 - lambda) * b)) <= 0.5;
    }));
    return between && labelsSumToOne(out);
  }));
  const out = mixBatch(constantBatch({ height: 2, width: 2, channels: 1 }, 2, (i) => (i === 0 ? 0 : 200)), 0.25, [1, 0]);
  t.same([...imageOf(out, 0)], [150, 150, 150, 150], '0.25 * 0 + 0.75 * 200');
  t.same([...out.labels], [0.25, 0.75, 0.75, 0.25], 'labels mixed with the same weights');
});

t.test('one λ per batch: every image is mixed with the same weight', async (t) => {
  const count = 16;
  const out = mixup(1)(constantBatch({ height: 1, width: 1, channels: 1 }, count, () => 0), Rng.fromSeed(2));
  const ownWeights = Array.from({ length: count }, (_, i) => out.labels[i * count + i]!);
  const mixed = ownWeights.filter((w) => w < 1);
  t.ok(mixed.length > 0, 'some images have a partner other than themselves');
  t.ok(mixed.every((w) => Math.abs(w - mixed[0]!) < 1e-6), 'all share one λ');
});

t.test('a non-positive α is refused', async (t) => {
  t.throws(() => mixup(0), { message: /mixup alpha must be a finite number > 0 \(got 0\)/ });
  t.throws(() => mixup(Number.NaN), RangeError);
});
