import t from 'tap';
import fc from 'fast-check';
import { randAugment, RANDAUGMENT_OPS } from '../../src/augment/index.js';
import { Rng } from '../../src/random/rng.js';
import { holds, seedArb } from '../helpers/property.js';
import { constantBatch, imageOf } from './arbitraries.js';
import { keepsTheContract } from './contract.js';

t.test("RandAugment draws from the paper's 14 transformations", async (t) => {
  t.equal(RANDAUGMENT_OPS.length, 14);
  t.equal(new Set(RANDAUGMENT_OPS).size, 14);
  t.notOk(RANDAUGMENT_OPS.includes('Invert'));
});

t.test('RandAugment keeps the augmentation contract', async (t) => {
  keepsTheContract(t, 'RandAugment N=2 M=9', randAugment({ ops: 2, magnitude: 9 }));
  keepsTheContract(t, 'RandAugment N=3 M=0', randAugment({ ops: 3, magnitude: 0 }), {}, 50);
});

t.test('a stronger magnitude changes images more', async (t) => {
  const shape = { height: 16, width: 16, channels: 3 };
  const batch = constantBatch(shape, 300, () => 0);
  batch.images.forEach((_, k, images) => (images[k] = (k * 13) % 160 + 40));
  const meanChange = (magnitude: number) => {
    const out = randAugment({ ops: 2, magnitude })(batch, Rng.fromSeed(21));
    return out.images.reduce((sum, v, k) => sum + Math.abs(v - batch.images[k]!), 0) / out.images.length;
  };
  const [weak, strong] = [meanChange(1), meanChange(10)];
  t.ok(strong > 1.5 * weak, `mean |change| ${weak.toFixed(1)} at M=1 < ${strong.toFixed(1)} at M=10`);
});

t.test('images of one batch get different ops', async (t) => {
  holds(t, 'not all the same', fc.property(seedArb, (seed) => {
    const out = randAugment({ ops: 1, magnitude: 10 })(constantBatch({ height: 6, width: 6, channels: 1 }, 40, () => 90), Rng.fromSeed(seed));
    return new Set(Array.from({ length: 40 }, (_, i) => imageOf(out, i).join(','))).size > 1;
  }), { numRuns: 20 });
});

t.test('N and M outside their ranges are refused', async (t) => {
  t.throws(() => randAugment({ ops: 0, magnitude: 5 }), { message: /RandAugment N must be a whole number ≥ 1 \(got 0\)/ });
  t.throws(() => randAugment({ ops: 2, magnitude: 11 }), { message: /RandAugment M must be from 0 to 10 \(got 11\)/ });
});
