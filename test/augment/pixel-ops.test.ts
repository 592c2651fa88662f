import t from 'tap';
import fc from 'fast-check';
import { autoContrast, equalize, equalizeTable, invert, posterize, solarize } from '../../src/augment/ops/pixel.js';
import { holds } from '../helpers/property.js';
import { sameBytes, shapeArb } from './arbitraries.js';

const bytes = (...values: number[]) => Uint8Array.from(values);
const run = (op: (src: Uint8Array, dst: Uint8Array) => void, src: Uint8Array) => {
  const dst = new Uint8Array(src.length);
  op(src, dst);
  return [...dst];
};

t.test('invert, solarize and posterize on known pixels', async (t) => {
  t.same(run(invert, bytes(0, 1, 128, 254, 255)), [255, 254, 127, 1, 0]);
  t.same(run((s, d) => solarize(s, d, 128), bytes(0, 127, 128, 200, 255)), [0, 127, 127, 55, 0], 'values ≥ 128 inverted');
  t.same(run((s, d) => solarize(s, d, 256), bytes(0, 128, 255)), [0, 128, 255], 'threshold 256: unchanged');
  t.same(run((s, d) => solarize(s, d, 0), bytes(0, 128, 255)), [255, 127, 0], 'threshold 0: all inverted');
  t.same(run((s, d) => posterize(s, d, 4), bytes(0x0f, 0x10, 0x87, 0xff)), [0x00, 0x10, 0x80, 0xf0], 'top 4 bits kept');
  t.same(run((s, d) => posterize(s, d, 1), bytes(0x7f, 0x80, 0xff)), [0x00, 0x80, 0x80]);
  t.same(run((s, d) => posterize(s, d, 8), bytes(0, 77, 255)), [0, 77, 255], '8 bits: unchanged');
});

t.test('autocontrast stretches each channel to [0, 255] on its own', async (t) => {
  const shape = { height: 1, width: 3, channels: 2 };
  const dst = new Uint8Array(6);
  // Channel 0 spans 50..150 (scale 2.55, truncated as Pillow does); channel 1 is flat and stays.
  autoContrast(bytes(50, 9, 100, 9, 150, 9), dst, shape);
  t.same([...dst], [0, 9, 127, 9, 255, 9]);
});

t.test("equalize follows Pillow's integer recipe", async (t) => {
  // 255 pixels at 0, 255 at 50, 10 at 200: step = (520 − 10) // 255 = 2, so 0 → 0, 50 → 256 // 2, 200 → 255.
  const histogram = new Int32Array(256);
  [histogram[0], histogram[50], histogram[200]] = [255, 255, 10];
  const table = equalizeTable(histogram);
  t.same([table[0], table[50], table[200]], [0, 128, 255]);
  const src = new Uint8Array(520);
  src.fill(50, 255, 510).fill(200, 510);
  const dst = new Uint8Array(520);
  equalize(src, dst, { height: 1, width: 520, channels: 1 });
  t.same([dst[0], dst[300], dst[519]], [0, 128, 255]);
  t.same([...equalizeTable(Int32Array.from({ length: 256 }, (_, v) => (v === 3 ? 9 : 0)))].slice(0, 5), [0, 1, 2, 3, 4], 'one level: identity');
});

t.test('the colour ops give the same result in place as into a second buffer', async (t) => {
  const caseArb = shapeArb().chain((shape) =>
    fc.record({ shape: fc.constant(shape), src: fc.uint8Array({ minLength: shape.height * shape.width * shape.channels, maxLength: shape.height * shape.width * shape.channels }) }),
  );
  const ops = {
    invert: (s: Uint8Array, d: Uint8Array) => invert(s, d),
    solarize: (s: Uint8Array, d: Uint8Array) => solarize(s, d, 100),
    posterize: (s: Uint8Array, d: Uint8Array) => posterize(s, d, 3),
  };
  holds(t, 'in place', fc.property(caseArb, ({ shape, src }) =>
    [...Object.values(ops), (s: Uint8Array, d: Uint8Array) => autoContrast(s, d, shape), (s: Uint8Array, d: Uint8Array) => equalize(s, d, shape)].every((op) => {
      const out = new Uint8Array(src.length);
      op(src, out);
      const inPlace = src.slice();
      op(inPlace, inPlace);
      return sameBytes(out, inPlace);
    })));
  holds(t, 'autocontrast reaches 0 and 255 in every channel with two or more values', fc.property(caseArb, ({ shape, src }) => {
    const out = new Uint8Array(src.length);
    autoContrast(src, out, shape);
    for (let c = 0; c < shape.channels; c++) {
      const values = src.filter((_, k) => k % shape.channels === c);
      const mapped = out.filter((_, k) => k % shape.channels === c);
      const distinct = new Set(values).size;
      if (distinct > 1 && (Math.min(...mapped) !== 0 || Math.max(...mapped) !== 255)) return false;
      if (distinct === 1 && !sameBytes(values, mapped)) return false;
    }
    return true;
  }));
});
