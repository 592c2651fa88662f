import t from 'tap';
import fc from 'fast-check';
import { centredSquare, cutout } from '../../src/augment/index.js';
import { Rng } from '../../src/random/rng.js';
import { holds, seedArb } from '../helpers/property.js';
import { constantBatch, imageOf, sameBytes } from './arbitraries.js';
import { keepsTheContract } from './contract.js';

/** The rows and columns of an image's pixels whose every channel is 0, or undefined if none. */
function zeroedExtent(image: Uint8Array, width: number, channels: number) {
  const pixels: [number, number][] = [];
  for (let p = 0; p < image.length / channels; p++) {
    if (image.subarray(p * channels, (p + 1) * channels).every((v) => v === 0)) pixels.push([Math.floor(p / width), p % width]);
  }
  if (pixels.length === 0) return undefined;
  const rows = pixels.map(([y]) => y);
  const cols = pixels.map(([, x]) => x);
  return { count: pixels.length, top: Math.min(...rows), bottom: Math.max(...rows) + 1, left: Math.min(...cols), right: Math.max(...cols) + 1 };
}

t.test('cutout zeroes exactly a SIZE x SIZE square, clipped where it crosses a border', async (t) => {
  t.same(centredSquare(32, 32, 16, 16, 16), { top: 8, left: 8, bottom: 24, right: 24 }, 'inside: the full 16x16 square');
  t.same(centredSquare(32, 32, 16, 0, 31), { top: 0, left: 23, bottom: 8, right: 32 }, 'top-right corner: clipped to 8x9');
  t.same(centredSquare(5, 5, 3, 2, 2), { top: 1, left: 1, bottom: 4, right: 4 }, 'odd side: centred exactly');

  const shape = { height: 10, width: 12, channels: 3 };
  holds(t, 'the zeros form one clipped square and nothing else changes', fc.property(fc.integer({ min: 1, max: 10 }), seedArb, (size, seed) => {
    const batch = constantBatch(shape, 4, () => 200);
    const out = cutout(size)(batch, Rng.fromSeed(seed));
    return [0, 1, 2, 3].every((i) => {
      const image = imageOf(out, i);
      const extent = zeroedExtent(image, shape.width, shape.channels);
      if (!extent || image.some((v) => v !== 0 && v !== 200)) return false;
      const [height, width] = [extent.bottom - extent.top, extent.right - extent.left];
      const touchesBorder = extent.top === 0 || extent.left === 0 || extent.bottom === shape.height || extent.right === shape.width;
      return extent.count === height * width && height <= size && width <= size && (touchesBorder || (height === size && width === size));
    });
  }));
});

t.test('the square centre is uniform over the image, so every pixel gets covered', async (t) => {
  const shape = { height: 6, width: 6, channels: 1 };
  const out = cutout(1)(constantBatch(shape, 1000, () => 9), Rng.fromSeed(8));
  const hits = new Array<number>(36).fill(0);
  for (let i = 0; i < 1000; i++) hits[imageOf(out, i).indexOf(0)]!++;
  t.ok(hits.every((n) => n > 10), `each pixel zeroed in some of 1000 images (fewest ${Math.min(...hits)})`);
});

t.test('cutout keeps the augmentation contract and only ever writes zeros', async (t) => {
  keepsTheContract(t, 'cutout 3', cutout(3));
  holds(t, 'each byte is kept or zeroed', fc.property(fc.integer({ min: 1, max: 5 }), seedArb, (size, seed) => {
    const batch = constantBatch({ height: 7, width: 5, channels: 2 }, 3, (i) => 50 * (i + 1));
    const out = cutout(size)(batch, Rng.fromSeed(seed));
    return out.images.every((v, k) => v === 0 || v === batch.images[k]) && !sameBytes(out.images, batch.images);
  }));
});

t.test('a cutout side that is not a whole number ≥ 1 is refused', async (t) => {
  t.throws(() => cutout(0), { message: /cutout size must be a whole number ≥ 1 \(got 0\)/ });
  t.throws(() => cutout(2.5), RangeError);
});
