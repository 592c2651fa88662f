import t from 'tap';
import fc from 'fast-check';
import { cutmix, cutmixBox, pasteBatch, permutation } from '../../src/augment/index.js';
import { Rng } from '../../src/random/rng.js';
import { holds, seedArb } from '../helpers/property.js';
import { batchArb, constantBatch, imageOf, sameBatch } from './arbitraries.js';
import { keepsTheContract } from './contract.js';

t.test('cutmix keeps the augmentation contract; its soft labels sum to 1', async (t) => {
  keepsTheContract(t, 'cutmix α=1', cutmix(1));
  keepsTheContract(t, 'cutmix α=0.3', cutmix(0.3));
});

t.test("each image's label weight on its partner equals the fraction of pixels pasted from it", async (t) => {
  const sideArb = fc.integer({ min: 1, max: 12 });
  holds(t, 'weight = area', fc.property(sideArb, sideArb, fc.integer({ min: 2, max: 6 }), fc.double({ min: 0.05, max: 4, noNaN: true }), seedArb, (height, width, count, alpha, seed) => {
    // Image i is flat at value i + 1 and labelled class i, so every pixel says where it came from.
    const batch = constantBatch({ height, width, channels: 2 }, count, (i) => i + 1);
    const out = cutmix(alpha)(batch, Rng.fromSeed(seed));
    return Array.from({ length: count }, (_, i) => i).every((i) => {
      const image = imageOf(out, i);
      const classes = new Array<number>(count).fill(0);
      for (const v of image) classes[v - 1]! += 1 / image.length;
      return classes.every((fraction, k) => Math.abs(fraction - out.labels[i * count + k]!) < 1e-6);
    });
  }));
});

t.test('the box has sides sqrt(1 − λ) of the image around its centre, clipped at the borders', async (t) => {
  t.same(cutmixBox(32, 32, 0.75, 16, 16), { top: 8, left: 8, bottom: 24, right: 24 }, 'λ = 0.75: a 16x16 box');
  t.same(cutmixBox(32, 32, 0.75, 2, 30), { top: 0, left: 22, bottom: 10, right: 32 }, 'near a corner: clipped');
  t.same(cutmixBox(32, 32, 1, 5, 5), { top: 5, left: 5, bottom: 5, right: 5 }, 'λ = 1: empty');
  holds(t, 'an empty box is the identity', fc.property(batchArb(), seedArb, (batch, seed) =>
    sameBatch(pasteBatch(batch, { top: 1, left: 0, bottom: 1, right: batch.width }, permutation(batch.count, Rng.fromSeed(seed))), batch)));
});

t.test('pixels outside the box are untouched and inside come from the partner', async (t) => {
  const batch = constantBatch({ height: 4, width: 4, channels: 1 }, 2, (i) => 10 * (i + 1));
  const out = pasteBatch(batch, { top: 1, left: 2, bottom: 3, right: 4 }, [1, 0]);
  t.same([...imageOf(out, 0)], [10, 10, 10, 10, 10, 10, 20, 20, 10, 10, 20, 20, 10, 10, 10, 10]);
  t.same([...out.labels], [0.75, 0.25, 0.25, 0.75]);
});

t.test('a non-positive α is refused', async (t) => {
  t.throws(() => cutmix(-1), { message: /cutmix alpha must be a finite number > 0 \(got -1\)/ });
});
