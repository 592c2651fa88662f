import t from 'tap';
import fc from 'fast-check';
import { blend, brightness, color, contrast, sharpness } from '../../src/augment/ops/enhance.js';
import { holds } from '../helpers/property.js';
import { sameBytes, shapeArb } from './arbitraries.js';

const caseArb = shapeArb().chain((shape) =>
  fc.record({ shape: fc.constant(shape), src: fc.uint8Array({ minLength: shape.height * shape.width * shape.channels, maxLength: shape.height * shape.width * shape.channels }) }),
);
const factorArb = fc.double({ min: 0, max: 3, noNaN: true });

t.test('the enhance ops on known pixels', async (t) => {
  const rgb = { height: 1, width: 2, channels: 3 };
  const out = new Uint8Array(6);
  brightness(Uint8Array.of(100, 200, 0, 10, 20, 30), out, 2);
  t.same([...out], [200, 255, 0, 20, 40, 60], 'brightness 2 doubles, saturating at 255');
  color(Uint8Array.of(255, 0, 0, 0, 0, 255), out, rgb, 0);
  t.same([...out], [76, 76, 76, 29, 29, 29], 'colour 0: the luma of pure red (76) and pure blue (29)');
  contrast(Uint8Array.of(0, 0, 0, 200, 200, 200), out, rgb, 0);
  t.same([...out], [100, 100, 100, 100, 100, 100], 'contrast 0: flat at the mean grey');
  const square = { height: 3, width: 3, channels: 1 };
  const spot = Uint8Array.of(0, 0, 0, 0, 130, 0, 0, 0, 0);
  const sharp = new Uint8Array(9);
  sharpness(spot, sharp, square, 0);
  t.same([...sharp], [0, 0, 0, 0, 50, 0, 0, 0, 0], 'sharpness 0: the centre is smoothed (5 * 130 / 13), the border kept');
  sharpness(spot, sharp, square, 2);
  t.same([...sharp], [0, 0, 0, 0, 210, 0, 0, 0, 0], 'sharpness 2: pushed away from the smooth image');
});

t.test('factor 1 is the identity for every enhance op, on any shape', async (t) => {
  holds(t, 'identity', fc.property(caseArb, ({ shape, src }) =>
    [
      (d: Uint8Array) => brightness(src, d, 1),
      (d: Uint8Array) => color(src, d, shape, 1),
      (d: Uint8Array) => contrast(src, d, shape, 1),
      (d: Uint8Array) => sharpness(src, d, shape, 1),
    ].every((op) => {
      const out = new Uint8Array(src.length);
      op(out);
      return sameBytes(out, src);
    })));
});

t.test('blending never wraps around: results move monotonically with the factor', async (t) => {
  holds(t, 'between the image and its degenerate for factors in [0, 1], beyond the image past 1', fc.property(caseArb, caseArb, factorArb, ({ src }, { src: other }, factor) => {
    const degenerate = other.length >= src.length ? other.subarray(0, src.length) : new Uint8Array(src.length).fill(128);
    const out = new Uint8Array(src.length);
    blend(src, degenerate, out, factor);
    return out.every((v, k) => {
      const [s, d] = [src[k]!, degenerate[k]!];
      if (factor <= 1) return v >= Math.min(s, d) - 1 && v <= Math.max(s, d);
      return s >= d ? v >= s : v <= s;
    });
  }));
  holds(t, 'brightness above 1 never darkens, below 1 never brightens', fc.property(caseArb, factorArb, ({ src }, factor) => {
    const out = new Uint8Array(src.length);
    brightness(src, out, factor);
    return out.every((v, k) => (factor >= 1 ? v >= src[k]! : v <= src[k]!));
  }));
});

t.test('a one-channel image is its own grey, so Color leaves it alone', async (t) => {
  holds(t, 'grey', fc.property(caseArb, factorArb, ({ shape, src }, factor) => {
    if (shape.channels !== 1) return true;
    const out = new Uint8Array(src.length);
    color(src, out, shape, factor);
    return sameBytes(out, src);
  }));
});
