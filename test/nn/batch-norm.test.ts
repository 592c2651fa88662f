import fc from 'fast-check';
import t from 'tap';
import * as tf from '@tensorflow/tfjs';
import { batchNormInference, batchNormTraining } from '../../src/nn/batch-norm.js';
import { compareBackends, nearReluKink, seededRng, TOLERANCE, uniform } from '../helpers/backends.js';
import { holdsAsync, seedArb } from '../helpers/property.js';

const bnArb = fc.record({
  // At least 4 values a channel: over 2 the output is +-gamma whatever x is, so the exact dx is
  // ~0 and both backends return rounding noise, which no relative error can compare.
  rows: fc.integer({ min: 4, max: 300 }),
  channels: fc.integer({ min: 1, max: 13 }),
  // Activations are rarely centred: an offset far from 0 checks the statistics' accuracy.
  offset: fc.constantFrom(0, 3, -20),
  relu: fc.boolean(),
  seed: seedArb,
});

t.test('training batch norm on wasm (custom kernels) equals the composed ops on CPU', async (t) => {
  await holdsAsync(
    t,
    'output, statistics and gradients within 1e-4',
    fc.asyncProperty(bnArb, async (c) => {
      const rng = seededRng(c.seed, 'bn');
      const shape: [number, number, number, number] = [1, c.rows, 1, c.channels];
      const x = uniform(c.rows * c.channels, rng).map((v) => v * 2 + c.offset);
      const [gamma, beta, weights] = [uniform(c.channels, rng), uniform(c.channels, rng), uniform(c.rows * c.channels, rng)];
      const { errors, reference } = await compareBackends(() => {
        const xs = tf.tensor4d(x, shape);
        const [g, b] = [tf.tensor1d(gamma), tf.tensor1d(beta)];
        const forward = batchNormTraining(xs, g, b, { relu: c.relu });
        // The loss reaches the statistics too, as a running-mean update inside a tape would.
        const loss = (a: tf.Tensor, s: tf.Tensor, h: tf.Tensor) => {
          const r = batchNormTraining(a as tf.Tensor4D, s as tf.Tensor1D, h as tf.Tensor1D, { relu: c.relu });
          return tf.addN([tf.sum(tf.mul(r.output, tf.tensor4d(weights, shape))), tf.sum(tf.mul(r.mean, s)), tf.sum(tf.square(r.variance))]);
        };
        // The output without the ReLU (6) is the scale of the output's rounding: after a
        // ReLU the largest survivor may be a tiny difference of two terms near 1.
        const preActivation = batchNormTraining(xs, g, b).output;
        // dgamma and dbeta sum a channel's rows: Σ w·x̂ and Σ w. Summed in another order, they
        // differ by a rounding of the terms' size, Σ|w| (7), which can be 10^4 times the sum itself
        // (CI drew 269 rows of one channel whose weights sum to 0.0039 from Σ|w| = 135).
        const termsSize = tf.sum(tf.abs(tf.tensor4d(weights, shape)), [0, 1, 2]);
        // Likewise the mean (1) of values near 1 may cancel to 1e-5: its rounding is relative to mean |x| (8).
        const meanTermsSize = tf.mean(tf.abs(xs), [0, 1, 2]);
        return [forward.output, forward.mean, forward.variance, ...tf.grads(loss)([xs, g, b]), preActivation, termsSize, meanTermsSize];
      }, { 0: 6, 1: 8, 4: 7, 5: 7 });
      if (c.relu && nearReluKink(reference[6]!)) return true;
      return errors.every((e) => e <= TOLERANCE);
    }),
    { numRuns: 60 },
  );
});

t.test('the batch statistics are the mean and the biased variance', async (t) => {
  const x = tf.tensor4d([1, 10, 3, 20, 5, 60], [1, 3, 1, 2]);
  const { mean, variance } = batchNormTraining(x, tf.ones([2]) as tf.Tensor1D, tf.zeros([2]) as tf.Tensor1D);
  t.same(Array.from(mean.dataSync()), [3, 30]);
  t.ok(Math.abs((variance.dataSync()[0] as number) - 8 / 3) < 1e-5, 'biased: divided by the count');
});

t.test('epsilon can be given alone, as tf.batchNorm takes it', async (t) => {
  const x = tf.tensor4d([1, 10, 3, 20, 5, 60], [1, 3, 1, 2]);
  const [gamma, beta] = [tf.ones([2]) as tf.Tensor1D, tf.zeros([2]) as tf.Tensor1D];
  const byNumber = batchNormTraining(x, gamma, beta, 0.5).output.dataSync();
  const byOption = batchNormTraining(x, gamma, beta, { epsilon: 0.5 }).output.dataSync();
  t.same(Array.from(byNumber), Array.from(byOption));
  t.ok(Math.abs((byNumber[0] as number) + 2 / Math.sqrt(8 / 3 + 0.5)) < 1e-5, '(1 - 3) / sqrt(8/3 + 0.5)');
});

t.test('inference batch norm on wasm equals CPU, and equals training mode given the batch statistics', async (t) => {
  const rng = seededRng(11, 'bn-inference');
  const [rows, channels] = [50, 6];
  const x = uniform(rows * channels, rng);
  const stats = [uniform(channels, rng), uniform(channels, rng).map((v) => v + 1.5), uniform(channels, rng), uniform(channels, rng)];
  for (const relu of [false, true]) {
    const { errors } = await compareBackends(() => {
      const [mean, variance, gamma, beta] = stats.map((s) => tf.tensor1d(s as Float32Array));
      const xs = tf.tensor4d(x, [1, rows, 1, channels]);
      const loss = (a: tf.Tensor, m: tf.Tensor, v: tf.Tensor, g: tf.Tensor, b: tf.Tensor) =>
        tf.sum(tf.square(batchNormInference(a as tf.Tensor4D, m as tf.Tensor1D, v as tf.Tensor1D, g as tf.Tensor1D, b as tf.Tensor1D, { relu })));
      return [batchNormInference(xs, mean!, variance!, gamma!, beta!, { relu }), ...tf.grads(loss)([xs, mean!, variance!, gamma!, beta!])];
    });
    t.ok(errors.every((e) => e <= TOLERANCE), `relu ${relu}: errors ${errors.map((e) => e.toExponential(1))}`);
  }
  const xs = tf.tensor4d(x, [1, rows, 1, channels]);
  const [gamma, beta] = [tf.tensor1d(stats[2] as Float32Array), tf.tensor1d(stats[3] as Float32Array)];
  const trained = batchNormTraining(xs, gamma, beta);
  const inferred = batchNormInference(xs, trained.mean, trained.variance, gamma, beta);
  t.ok(tf.max(tf.abs(tf.sub(trained.output, inferred))).dataSync()[0]! < 1e-5, 'same normalisation');
});
