import t from 'tap';
import fc from 'fast-check';
import { FILL, rotate, shearX, shearY, translateX, translateY } from '../../src/augment/ops/geometric.js';
import type { ImageShape } from '../../src/augment/index.js';
import { holds } from '../helpers/property.js';
import { sameBytes, shapeArb } from './arbitraries.js';

type Op = (src: Uint8Array, dst: Uint8Array, shape: ImageShape, amount: number) => void;
const ops: Record<string, Op> = { shearX, shearY, translateX, translateY, rotate };

function apply(op: Op, src: number[], shape: ImageShape, amount: number): number[] {
  const dst = new Uint8Array(src.length);
  op(Uint8Array.from(src), dst, shape, amount);
  return [...dst];
}

t.test('known shifts, shears and rotations', async (t) => {
  const row = { height: 1, width: 3, channels: 1 };
  t.same(apply(translateX, [1, 2, 3], row, 1), [2, 3, FILL], 'translate x by 1: content moves left, grey comes in');
  t.same(apply(translateX, [1, 2, 3], row, -2), [FILL, FILL, 1]);
  const column = { height: 3, width: 1, channels: 2 };
  t.same(apply(translateY, [1, 1, 2, 2, 3, 3], column, 1), [2, 2, 3, 3, FILL, FILL], 'translate y by 1, both channels');
  const square = { height: 2, width: 2, channels: 1 };
  // a b / c d rotated 90° counter-clockwise is b d / a c.
  t.same(apply(rotate, [1, 2, 3, 4], square, 90), [2, 4, 1, 3], 'rotate 90°: counter-clockwise');
  t.same(apply(rotate, [1, 2, 3, 4], square, -90), [3, 1, 4, 2], 'rotate −90°: clockwise');
  t.same(apply(rotate, [1, 2, 3, 4], square, 180), [4, 3, 2, 1]);
  t.same(apply(shearX, [1, 2, 3, 4], square, 1), [2, FILL, FILL, FILL], 'shear x by 1: row y reads x + y + 1 at pixel centres');
  t.same(apply(shearY, [1, 2, 3, 4], square, -1), [1, FILL, 3, 2], 'shear y by −1: column x reads row y − x');
});

t.test('amount 0 is the identity and every output byte is written, on any shape', async (t) => {
  const caseArb = shapeArb().chain((shape) =>
    fc.record({ shape: fc.constant(shape), src: fc.uint8Array({ minLength: shape.height * shape.width * shape.channels, maxLength: shape.height * shape.width * shape.channels }), amount: fc.double({ min: -40, max: 40, noNaN: true }) }),
  );
  holds(t, 'identity', fc.property(caseArb, ({ shape, src }) =>
    Object.values(ops).every((op) => {
      const out = new Uint8Array(src.length);
      op(src, out, shape, 0);
      return sameBytes(out, src);
    })));
  holds(t, 'every byte is a source byte of the same channel or the fill, whatever dst held before', fc.property(caseArb, ({ shape, src, amount }) =>
    Object.values(ops).every((op) => {
      const [zeros, ones] = [new Uint8Array(src.length), new Uint8Array(src.length).fill(255)];
      op(src, zeros, shape, amount);
      op(src, ones, shape, amount);
      const channelValues = (c: number) => new Set(src.filter((_, k) => k % shape.channels === c));
      return sameBytes(zeros, ones) && zeros.every((v, k) => v === FILL || channelValues(k % shape.channels).has(v));
    })), { numRuns: 50 });
});
