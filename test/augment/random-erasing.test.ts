import t from 'tap';
import fc from 'fast-check';
import { erasingBox, PAPER_RANDOM_ERASING, randomErasing } from '../../src/augment/index.js';
import { Rng } from '../../src/random/rng.js';
import { holds, seedArb } from '../helpers/property.js';
import { batchArb, constantBatch, imageOf, sameBatch } from './arbitraries.js';
import { keepsTheContract } from './contract.js';

t.test('probability 0 is the identity', async (t) => {
  holds(t, 'identity', fc.property(batchArb(), seedArb, (batch, seed) => sameBatch(randomErasing({ probability: 0 })(batch, Rng.fromSeed(seed)), batch)));
});

t.test('random erasing keeps the augmentation contract', async (t) => {
  keepsTheContract(t, 'random erasing p=0.5', randomErasing({ probability: 0.5 }), { minSide: 3, maxSide: 12 });
});

t.test("boxes follow the paper: inside the image, smaller than it, area 2%–40% and aspect 0.3–3.3 up to rounding", async (t) => {
  const sideArb = fc.integer({ min: 8, max: 64 });
  holds(t, 'box bounds', fc.property(sideArb, sideArb, seedArb, (height, width, seed) => {
    const box = erasingBox(height, width, PAPER_RANDOM_ERASING, Rng.fromSeed(seed));
    if (!box) return true; // no draw fitted: allowed, the image is left alone
    const [h, w] = [box.bottom - box.top, box.right - box.left];
    // Sides are rounded, so the area and aspect may miss the range by up to half a pixel a side.
    const area = ((h + 0.5) * (w + 0.5)) / (height * width);
    const areaLow = (Math.max(0, h - 0.5) * Math.max(0, w - 0.5)) / (height * width);
    return box.top >= 0 && box.left >= 0 && h >= 1 && w >= 1 && h < height && w < width &&
      area >= 0.02 && areaLow <= 0.4 && (h + 0.5) / Math.max(0.5, w - 0.5) >= 0.3 && Math.max(0.5, h - 0.5) / (w + 0.5) <= 1 / 0.3;
  }));
  t.equal(erasingBox(1, 1, PAPER_RANDOM_ERASING, Rng.fromSeed(1)), undefined, 'a 1x1 image has no box smaller than itself');
});

t.test('with probability 1 every image large enough gets one box of noise, and the rate follows p', async (t) => {
  const shape = { height: 32, width: 32, channels: 3 };
  const out = randomErasing({ probability: 1 })(constantBatch(shape, 50, () => 77), Rng.fromSeed(4));
  for (let i = 0; i < 50; i++) {
    const changed = imageOf(out, i).reduce((n, v) => n + (v !== 77 ? 1 : 0), 0);
    t.ok(changed >= 0.015 * 32 * 32 * 3, `image ${i} has ${changed} new bytes`);
  }
  const count = 1000;
  const half = randomErasing({ probability: 0.3 })(constantBatch(shape, count, () => 77), Rng.fromSeed(5));
  const erased = Array.from({ length: count }, (_, i) => imageOf(half, i).some((v) => v !== 77)).filter(Boolean).length;
  t.ok(Math.abs(erased - 0.3 * count) < 5 * Math.sqrt(count * 0.3 * 0.7), `${erased} of ${count} erased at p = 0.3`);
});

t.test('bad settings are refused', async (t) => {
  t.throws(() => randomErasing({ probability: 1.5 }), { message: /probability must be from 0 to 1 \(got 1.5\)/ });
  t.throws(() => randomErasing({ probability: 0.5, minArea: 0.5, maxArea: 0.4 }), RangeError);
  t.throws(() => randomErasing({ probability: 0.5, minAspect: 2 }), RangeError);
});
