import t from 'tap';
import fc from 'fast-check';
import { cropFlip, cropFlipImage, type ImageShape } from '../../src/augment/index.js';
import { Rng } from '../../src/random/rng.js';
import { holds, seedArb } from '../helpers/property.js';
import { batchArb, imageOf, sameBatch, sameBytes, shapeArb } from './arbitraries.js';
import { keepsTheContract } from './contract.js';

/** The textbook way: build the zero-padded image, cut the window out, then mirror it. */
function referenceCropFlip(src: Uint8Array, shape: ImageShape, padding: number, dy: number, dx: number, mirror: boolean): Uint8Array {
  const { height, width, channels } = shape;
  const [paddedHeight, paddedWidth] = [height + 2 * padding, width + 2 * padding];
  const padded = new Uint8Array(paddedHeight * paddedWidth * channels);
  for (let y = 0; y < height; y++) {
    padded.set(src.subarray(y * width * channels, (y + 1) * width * channels), ((y + padding) * paddedWidth + padding) * channels);
  }
  const out = new Uint8Array(src.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [py, px] = [y + padding + dy, x + padding + dx];
      const target = mirror ? width - 1 - x : x;
      for (let c = 0; c < channels; c++) out[(y * width + target) * channels + c] = padded[(py * paddedWidth + px) * channels + c]!;
    }
  }
  return out;
}

t.test('the horizontal flip of a known 2x3 image mirrors each row', async (t) => {
  const shape = { height: 2, width: 3, channels: 1 };
  const dst = new Uint8Array(6);
  cropFlipImage(Uint8Array.of(1, 2, 3, 4, 5, 6), dst, shape, 0, 0, true);
  t.same([...dst], [3, 2, 1, 6, 5, 4]);
  const rgb = { height: 1, width: 2, channels: 3 };
  cropFlipImage(Uint8Array.of(10, 11, 12, 20, 21, 22), (dst.fill(9), dst), rgb, 0, 0, true);
  t.same([...dst], [20, 21, 22, 10, 11, 12], 'channels travel with their pixel');
});

t.test('a crop at offset (1, -1) shifts the content up and right, with zeros coming in', async (t) => {
  const dst = new Uint8Array(9).fill(7);
  cropFlipImage(Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9), dst, { height: 3, width: 3, channels: 1 }, 1, -1, false);
  t.same([...dst], [0, 4, 5, 0, 7, 8, 0, 0, 0]);
});

t.test('the kernel equals padding, cropping and mirroring done the long way', async (t) => {
  const caseArb = fc.record({ shape: shapeArb(), padding: fc.integer({ min: 0, max: 5 }), mirror: fc.boolean(), seed: seedArb }).chain((c) =>
    fc.record({
      c: fc.constant(c),
      src: fc.uint8Array({ minLength: c.shape.height * c.shape.width * c.shape.channels, maxLength: c.shape.height * c.shape.width * c.shape.channels }),
      dy: fc.integer({ min: -c.padding, max: c.padding }),
      dx: fc.integer({ min: -c.padding, max: c.padding }),
    }),
  );
  holds(t, 'same as reference', fc.property(caseArb, ({ c, src, dy, dx }) => {
    const dst = new Uint8Array(src.length).fill(1);
    cropFlipImage(src, dst, c.shape, dy, dx, c.mirror);
    return sameBytes(dst, referenceCropFlip(src, c.shape, c.padding, dy, dx, c.mirror));
  }));
});

t.test('crop + flip keeps the augmentation contract', async (t) => {
  keepsTheContract(t, 'crop+flip, padding 4', cropFlip());
  keepsTheContract(t, 'crop only, padding 2', cropFlip({ padding: 2, flip: false }));
});

t.test('padding 0 without flip is the identity; padding 0 with flip gives each image or its mirror', async (t) => {
  holds(t, 'identity and mirror', fc.property(batchArb(), seedArb, (batch, seed) => {
    if (!sameBatch(cropFlip({ padding: 0, flip: false })(batch, Rng.fromSeed(seed)), batch)) return false;
    const flipped = cropFlip({ padding: 0, flip: true })(batch, Rng.fromSeed(seed));
    const shape = { height: batch.height, width: batch.width, channels: batch.channels };
    return Array.from({ length: batch.count }, (_, i) => i).every((i) => {
      const mirror = new Uint8Array(imageOf(batch, i).length);
      cropFlipImage(imageOf(batch, i), mirror, shape, 0, 0, true);
      return sameBytes(imageOf(flipped, i), imageOf(batch, i)) || sameBytes(imageOf(flipped, i), mirror);
    });
  }));
});

t.test('half the images are flipped, and offsets are uniform over [-4, 4] in both directions', async (t) => {
  // Pixel (y, x) of a 9x9 image holds y * 9 + x + 1, so any visible pixel tells where it came from.
  const [side, count] = [9, 1800];
  const source = Uint8Array.from({ length: side * side }, (_, k) => k + 1);
  const images = new Uint8Array(count * side * side);
  for (let i = 0; i < count; i++) images.set(source, i * side * side);
  const out = cropFlip()({ height: side, width: side, channels: 1, images, count, labels: new Float32Array(count).fill(1), classes: 1 }, Rng.fromSeed(3));
  let flips = 0;
  const [dys, dxs] = [new Array<number>(9).fill(0), new Array<number>(9).fill(0)];
  for (let i = 0; i < count; i++) {
    const image = imageOf(out, i);
    const at = image.findIndex((v, k) => v > 0 && k % side < side - 1 && image[k + 1]! > 0);
    const [y, x, v] = [Math.floor(at / side), at % side, image[at]! - 1];
    const mirrored = image[at + 1]! < image[at]!;
    flips += mirrored ? 1 : 0;
    dys[Math.floor(v / side) - y + 4]!++;
    dxs[(v % side) - (mirrored ? side - 1 - x : x) + 4]!++;
  }
  const within = (observed: number, p: number) => Math.abs(observed - count * p) < 5 * Math.sqrt(count * p * (1 - p));
  t.ok(within(flips, 0.5), `${flips} of ${count} flipped`);
  t.ok(dys.every((n) => within(n, 1 / 9)), `vertical offsets ${dys.join(' ')}`);
  t.ok(dxs.every((n) => within(n, 1 / 9)), `horizontal offsets ${dxs.join(' ')}`);
});
