import fc from 'fast-check';
import t from 'tap';
import * as tf from '@tensorflow/tfjs';
import { compareBackends, seededRng, termSizes, TOLERANCE, uniform } from '../helpers/backends.js';
import { holdsAsync, seedArb } from '../helpers/property.js';

const depthwiseArb = fc
  .record({
    batch: fc.integer({ min: 1, max: 3 }),
    height: fc.integer({ min: 3, max: 9 }),
    width: fc.integer({ min: 3, max: 9 }),
    channels: fc.integer({ min: 1, max: 9 }),
    multiplier: fc.constantFrom(1, 1, 2),
    kernel: fc.constantFrom(1, 3),
    stride: fc.constantFrom(1, 2),
    pad: fc.constantFrom<'same' | 'valid'>('same', 'valid'),
    seed: seedArb,
  });

t.test('depthwise conv gradients (input and filter) on wasm equal the CPU backend within 1e-4', async (t) => {
  await holdsAsync(
    t,
    'max relative error <= 1e-4 for dx and dw',
    fc.asyncProperty(depthwiseArb, async (c) => {
      const rng = seededRng(c.seed, 'depthwise');
      const x = uniform(c.batch * c.height * c.width * c.channels, rng);
      const w = uniform(c.kernel * c.kernel * c.channels * c.multiplier, rng);
      const { errors } = await compareBackends(() => {
        const conv = (a: tf.Tensor, b: tf.Tensor) => tf.depthwiseConv2d(a as tf.Tensor4D, b as tf.Tensor4D, c.stride, c.pad);
        const [xs, ws] = [tf.tensor4d(x, [c.batch, c.height, c.width, c.channels]), tf.tensor4d(w, [c.kernel, c.kernel, c.channels, c.multiplier])];
        const y = conv(xs, ws);
        const dy = tf.cos(tf.range(0, y.size).reshape(y.shape));
        return [...tf.grads(conv)([xs, ws], dy), ...termSizes(conv, xs, ws, dy).slice(1)];
      }, { 0: 2, 1: 3 });
      return errors.every((e) => e <= TOLERANCE);
    }),
    { numRuns: 60 },
  );
});

t.test('a strided depthwise conv on MobileNet-like shapes', async (t) => {
  const rng = seededRng(3, 'depthwise-shapes');
  const x = uniform(2 * 16 * 16 * 32, rng);
  const w = uniform(3 * 3 * 32, rng);
  const { errors } = await compareBackends(() =>
    tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.square(tf.depthwiseConv2d(a as tf.Tensor4D, b as tf.Tensor4D, 2, 'same'))))([
      tf.tensor4d(x, [2, 16, 16, 32]),
      tf.tensor4d(w, [3, 3, 32, 1]),
    ]),
  );
  t.ok(errors.every((e) => e <= TOLERANCE), `errors ${errors.map((e) => e.toExponential(1))}`);
});
