import fc from 'fast-check';
import t from 'tap';
import * as tf from '@tensorflow/tfjs';
import { fixedWinogradWidth, winogradTile } from '../../src/nn/gradients/direct-conv.js';
import { initBackend } from '../../src/nn/backend.js';
import { compareBackends, seededRng, TOLERANCE, uniform } from '../helpers/backends.js';
import { padArb } from '../helpers/conv.js';
import { holdsAsync, seedArb } from '../helpers/property.js';

t.test('F(4x4, 3x3) is chosen where it needs fewer multiply-adds than F(2x2, 3x3), counting the outputs past the edge', async (t) => {
  const tile = (size: number) => winogradTile({ outHeight: size, outWidth: size });
  t.same([32, 28, 16, 14, 8, 7, 3].map(tile), [4, 4, 4, 4, 4, 4, 4], "ResNet20's sizes on CIFAR and Fashion-MNIST, and 3x3 (one tile of 4 against four of 2)");
  t.same([1, 2, 5, 6].map(tile), [2, 2, 2, 2], '1x1 and 2x2 (one F(2x2) tile), 5x5 and 6x6 (144 = 144 and 144 < 324)');
  t.equal(winogradTile({ outHeight: 1, outWidth: 64 }), 2, 'a single row: 16 tiles of 4 cost more than 32 of 2');
});

t.test('F(4x4) has functions compiled for 16, 32 and 64 channels in and out; other widths take the general ones', async (t) => {
  t.same([16, 32, 64].map((c) => fixedWinogradWidth({ inChannels: c, outChannels: c })), [16, 32, 64]);
  t.same([[16, 32], [32, 16], [48, 48], [8, 8], [128, 128]].map(([i, o]) => fixedWinogradWidth({ inChannels: i!, outChannels: o! })), [undefined, undefined, undefined, undefined, undefined]);
});

/**
 * 3x3 stride-1 convolutions with channels in fours (the Winograd kernels' domain), up to 20x20:
 * every edge clipping of both tiles; a third of them as many channels in as out, 16, 32 or 64
 * (F(4x4)'s functions compiled for that width).
 */
const winogradArb = fc.record({
  batch: fc.integer({ min: 1, max: 2 }),
  height: fc.integer({ min: 1, max: 20 }),
  width: fc.integer({ min: 1, max: 20 }),
  channels: fc.oneof(
    { arbitrary: fc.tuple(fc.constantFrom(4, 8, 12, 16, 32), fc.constantFrom(4, 8, 12, 16, 24)), weight: 2 },
    { arbitrary: fc.constantFrom(16, 32, 64).map((c) => [c, c] as [number, number]), weight: 1 },
  ),
  pad: padArb,
  relu: fc.boolean(),
  seed: seedArb,
}).map(({ channels: [inChannels, outChannels], ...c }) => ({ ...c, inChannels, outChannels })).filter((c) => typeof c.pad === 'string' || (c.height + c.pad[1][0] + c.pad[1][1] >= 3 && c.width + c.pad[2][0] + c.pad[2][1] >= 3));

t.test('Winograd convolutions on wasm equal the CPU backend within 1e-4: forward, input and filter gradients', async (t) => {
  await initBackend('wasm');
  await holdsAsync(
    t,
    'y, dx and dw within 1e-4',
    fc.asyncProperty(winogradArb, async (c) => {
      if (c.pad === 'valid' && (c.height < 3 || c.width < 3)) return true;
      const rng = seededRng(c.seed, 'winograd');
      const x = uniform(c.batch * c.height * c.width * c.inChannels, rng);
      const w = uniform(9 * c.inChannels * c.outChannels, rng);
      const bias = uniform(c.outChannels, rng);
      const { errors } = await compareBackends(() => {
        const xs = tf.tensor4d(x, [c.batch, c.height, c.width, c.inChannels]);
        const ws = tf.tensor4d(w, [3, 3, c.inChannels, c.outChannels]);
        const conv = (a: tf.Tensor4D, b: tf.Tensor4D) => tf.conv2d(a, b, 1, c.pad);
        const y = conv(xs, ws);
        const fused = tf.fused.conv2d({ x: xs, filter: ws, strides: 1, pad: c.pad, bias: tf.tensor1d(bias), activation: c.relu ? 'relu' : 'linear' });
        const linear = tf.fused.conv2d({ x: xs, filter: ws, strides: 1, pad: c.pad, bias: tf.tensor1d(bias) });
        const dy = tf.tensor4d(uniform(y.size, seededRng(c.seed, 'dy')), y.shape);
        const [dx, dw] = tf.grads((a: tf.Tensor, b: tf.Tensor) => conv(a as tf.Tensor4D, b as tf.Tensor4D))([xs, ws], dy);
        return [y, fused, linear, dx as tf.Tensor, dw as tf.Tensor];
      }, { 1: 2 });
      return errors.every((e) => e <= TOLERANCE);
    }),
    { numRuns: 60 },
  );
});
