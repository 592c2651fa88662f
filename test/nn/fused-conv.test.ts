import fc from 'fast-check';
import t from 'tap';
import * as tf from '@tensorflow/tfjs';
import { batchNormInference, foldBatchNorm, foldedConv2d } from '../../src/nn/batch-norm.js';
import { fusedInC } from '../../src/nn/gradients/conv2d-forward.js';
import { initBackend } from '../../src/nn/backend.js';
import { compareBackends, relativeError, seededRng, TOLERANCE, uniform } from '../helpers/backends.js';
import { convArb } from '../helpers/conv.js';
import { holdsAsync } from '../helpers/property.js';

const fusedArb = fc.record({ conv: convArb, bias: fc.boolean(), relu: fc.boolean() });

t.test('a fused convolution (bias, ReLU) on wasm equals the CPU backend within 1e-4', async (t) => {
  await holdsAsync(
    t,
    'output within 1e-4 of the pre-activation scale',
    fc.asyncProperty(fusedArb, async ({ conv: c, bias, relu }) => {
      const rng = seededRng(c.seed, 'fused-conv');
      const x = uniform(c.batch * c.height * c.width * c.inChannels, rng);
      const w = uniform(c.kernel * c.kernel * c.inChannels * c.outChannels, rng);
      const b = uniform(c.outChannels, rng).map((v) => 3 * v);
      const { errors } = await compareBackends(() => {
        const xs = tf.tensor4d(x, [c.batch, c.height, c.width, c.inChannels]);
        const ws = tf.tensor4d(w, [c.kernel, c.kernel, c.inChannels, c.outChannels]);
        const bs = bias ? tf.tensor1d(b) : undefined;
        const fused = tf.fused.conv2d({ x: xs, filter: ws, strides: c.stride, pad: c.pad, bias: bs, activation: relu ? 'relu' : 'linear' });
        const linear = tf.fused.conv2d({ x: xs, filter: ws, strides: c.stride, pad: c.pad, bias: bs });
        return [fused, linear];
      }, { 0: 1 });
      return errors.every((e) => e <= TOLERANCE);
    }),
    { numRuns: 80 },
  );
});

t.test('the C kernels take a fused convolution with no bias or one per channel, and a ReLU or nothing', async (t) => {
  const filter = { shape: [3, 3, 4, 8], dtype: 'float32' } as unknown as tf.TensorInfo;
  const bias = (shape: number[]) => ({ shape, dtype: 'float32' }) as unknown as tf.TensorInfo;
  const plain = { strides: 1, pad: 'same', activation: 'linear' };
  t.ok(fusedInC({ inputs: { filter }, attrs: plain }), 'no bias, no activation');
  t.ok(fusedInC({ inputs: { filter, bias: bias([8]) }, attrs: { ...plain, activation: 'relu' } }), 'bias and ReLU');
  t.notOk(fusedInC({ inputs: { filter, bias: bias([1]) }, attrs: plain }), 'a scalar bias (broadcast): stock');
  t.notOk(fusedInC({ inputs: { filter }, attrs: { ...plain, activation: 'elu' } }), 'another activation: stock');
  t.notOk(fusedInC({ inputs: { filter, preluActivationWeights: bias([8]) }, attrs: { ...plain, activation: 'prelu' } }), 'PReLU: stock');
  t.notOk(fusedInC({ inputs: { filter }, attrs: { ...plain, dilations: 2 } }), 'dilation: stock');
  t.notOk(fusedInC({ inputs: { filter }, attrs: { ...plain, dataFormat: 'NCHW' } }), 'NCHW: stock');
});

const foldArb = fc.record({ conv: convArb, relu: fc.boolean(), offset: fc.constantFrom(0, 2, -5) });

t.test('batch norm folded into the convolution equals the convolution followed by batch norm', async (t) => {
  for (const backend of ['wasm', 'cpu'] as const) {
    await initBackend(backend);
    await holdsAsync(
      t,
      `${backend}: within 1e-4 of the pre-activation scale`,
      fc.asyncProperty(foldArb, async ({ conv: c, relu, offset }) => {
        if (typeof c.pad !== 'string') return true; // the folded form takes 'same' or 'valid'
        const rng = seededRng(c.seed, 'fold');
        const x = uniform(c.batch * c.height * c.width * c.inChannels, rng);
        const w = uniform(c.kernel * c.kernel * c.inChannels * c.outChannels, rng);
        const [mean, gamma, beta] = [0, 1, 2].map(() => uniform(c.outChannels, rng).map((v) => v + offset));
        const variance = uniform(c.outChannels, rng).map((v) => v * v + 0.1);
        const [folded, unfolded, expected] = tf.tidy(() => {
          const [xs, filter] = [tf.tensor4d(x, [c.batch, c.height, c.width, c.inChannels]), tf.tensor4d(w, [c.kernel, c.kernel, c.inChannels, c.outChannels])];
          const [m, v, g, b] = [mean, variance, gamma, beta].map((values) => tf.tensor1d(values!)) as [tf.Tensor1D, tf.Tensor1D, tf.Tensor1D, tf.Tensor1D];
          const pad = c.pad as 'same' | 'valid';
          const unfolded = batchNormInference(tf.conv2d(xs, filter, c.stride, pad), m, v, g, b);
          const folded = foldedConv2d(xs, foldBatchNorm(filter, { mean: m, variance: v, gamma: g, beta: b }), c.stride, pad, relu);
          return [folded, unfolded, relu ? tf.relu(unfolded) : unfolded].map((r) => r.dataSync());
        });
        return relativeError(folded!, expected!, unfolded!) <= TOLERANCE;
      }),
      { numRuns: 40 },
    );
  }
  await initBackend('wasm');
});
