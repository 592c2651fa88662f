import fc from 'fast-check';
import t from 'tap';
import * as tf from '@tensorflow/tfjs';
import { compareBackends, nearReluKink, seededRng, termSizes, TOLERANCE, uniform } from '../helpers/backends.js';
import { convArb } from '../helpers/conv.js';
import { holdsAsync, seedArb } from '../helpers/property.js';

t.test('conv2d and its gradients (input and filter) on wasm equal the CPU backend within 1e-4', async (t) => {
  await holdsAsync(
    t,
    'max relative error <= 1e-4 for y, dx and dw',
    fc.asyncProperty(convArb, async (c) => {
      const rng = seededRng(c.seed, 'conv');
      const x = uniform(c.batch * c.height * c.width * c.inChannels, rng);
      const w = uniform(c.kernel * c.kernel * c.inChannels * c.outChannels, rng);
      const { errors } = await compareBackends(() => {
        const xs = tf.tensor4d(x, [c.batch, c.height, c.width, c.inChannels]);
        const ws = tf.tensor4d(w, [c.kernel, c.kernel, c.inChannels, c.outChannels]);
        const conv = (a: tf.Tensor, b: tf.Tensor) => tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, c.stride, c.pad);
        const y = conv(xs, ws);
        // A non-uniform upstream gradient: every output weighs differently.
        const dy = tf.sin(tf.range(0, y.size).reshape(y.shape));
        return [y, ...tf.grads(conv)([xs, ws], dy), ...termSizes(conv, xs, ws, dy)];
      }, { 0: 3, 1: 4, 2: 5 });
      return errors.every((e) => e <= TOLERANCE);
    }),
    { numRuns: 80 },
  );
});

t.test('the ResNet20 shapes at batch 2: 3x3 stride 1 and 2 (same), 1x1 stride 2 (valid)', async (t) => {
  const rng = seededRng(7, 'resnet-shapes');
  for (const [size, from, to, kernel, stride] of [[32, 3, 16, 3, 1], [32, 16, 16, 3, 1], [32, 16, 32, 3, 2], [32, 16, 32, 1, 2], [16, 32, 32, 3, 1], [8, 64, 64, 3, 1]] as const) {
    const x = uniform(2 * size * size * from, rng);
    const w = uniform(kernel * kernel * from * to, rng);
    const { errors } = await compareBackends(() => {
      const loss = (a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.square(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, stride, kernel === 1 ? 'valid' : 'same')));
      return tf.grads(loss)([tf.tensor4d(x, [2, size, size, from]), tf.tensor4d(w, [kernel, kernel, from, to])]);
    });
    t.ok(errors.every((e) => e <= TOLERANCE), `${size}x${size} ${from}->${to} k${kernel} s${stride}: ${errors.map((e) => e.toExponential(1))}`);
  }
});

t.test('fused conv2d (what TensorFlow.js layers call) on wasm equals the CPU backend, with and without bias and activation', async (t) => {
  await holdsAsync(
    t,
    'max relative error <= 1e-4 for y, dx and dw',
    fc.asyncProperty(convArb, fc.boolean(), fc.constantFrom('linear', 'relu') as fc.Arbitrary<'linear' | 'relu'>, async (c, withBias, activation) => {
      const rng = seededRng(c.seed, 'fused-conv');
      const x = uniform(c.batch * c.height * c.width * c.inChannels, rng);
      const w = uniform(c.kernel * c.kernel * c.inChannels * c.outChannels, rng);
      const b = uniform(c.outChannels, rng);
      const { errors, reference } = await compareBackends(() => {
        const xs = tf.tensor4d(x, [c.batch, c.height, c.width, c.inChannels]);
        const ws = tf.tensor4d(w, [c.kernel, c.kernel, c.inChannels, c.outChannels]);
        const bias = withBias ? tf.tensor1d(b) : undefined;
        const fused = (act: 'linear' | 'relu') => (a: tf.Tensor, f: tf.Tensor) =>
          tf.fused.conv2d({ x: a as tf.Tensor4D, filter: f as tf.Tensor4D, strides: c.stride, pad: c.pad, bias, activation: act });
        const plain = (a: tf.Tensor, f: tf.Tensor) => tf.conv2d(a as tf.Tensor4D, f as tf.Tensor4D, c.stride, c.pad);
        const y = fused(activation)(xs, ws);
        const dy = tf.sin(tf.range(0, y.size).reshape(y.shape));
        // The gradients' terms are at most the unmasked convolution's; the output's add the bias.
        return [y, ...tf.grads(fused(activation))([xs, ws], dy), ...termSizes(plain, xs, ws, dy), fused('linear')(xs, ws)];
      }, { 0: [3, 6], 1: 4, 2: 5 });
      if (activation === 'relu' && nearReluKink(reference[6]!)) return true;
      return errors.every((e) => e <= TOLERANCE);
    }),
    { numRuns: 40 },
  );
});

t.test('matrix products with transposed operands on wasm (transposed first, then multiplied) equal the CPU backend', async (t) => {
  await holdsAsync(
    t,
    'matMul and fused matMul, every transpose combination, batched or not',
    fc.asyncProperty(
      fc.record({ batch: fc.constantFrom(0, 1, 3), m: fc.integer({ min: 1, max: 9 }), k: fc.integer({ min: 1, max: 9 }), n: fc.integer({ min: 1, max: 9 }), transposeA: fc.boolean(), transposeB: fc.boolean(), fused: fc.boolean(), seed: seedArb }),
      async (c) => {
        const rng = seededRng(c.seed, 'matmul');
        const lead = c.batch === 0 ? [] : [c.batch];
        const aShape = [...lead, ...(c.transposeA ? [c.k, c.m] : [c.m, c.k])];
        const bShape = [...lead, ...(c.transposeB ? [c.n, c.k] : [c.k, c.n])];
        const a = uniform(aShape.reduce((x, y) => x * y, 1), rng);
        const b = uniform(bShape.reduce((x, y) => x * y, 1), rng);
        const { errors } = await compareBackends(() => {
          const [as, bs] = [tf.tensor(a, aShape), tf.tensor(b, bShape)];
          const product = (x: tf.Tensor, y: tf.Tensor) =>
            c.fused ? tf.fused.matMul({ a: x, b: y, transposeA: c.transposeA, transposeB: c.transposeB }) : tf.matMul(x, y, c.transposeA, c.transposeB);
          const y = product(as, bs);
          const dy = tf.cos(tf.range(0, y.size).reshape(y.shape));
          return [y, ...tf.grads(product)([as, bs], dy), ...termSizes(product, as, bs, dy)];
        }, { 0: 3, 1: 4, 2: 5 });
        return errors.every((e) => e <= TOLERANCE);
      },
    ),
    { numRuns: 60 },
  );
});
