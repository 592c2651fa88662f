/**
 * The zoo's normalisation layers. BatchNorm behaves as PyTorch's nn.BatchNorm2d: training normalises with the
 * batch statistics and moves the running ones by 0.1 towards the batch mean and the unbiased
 * batch variance; inference uses the running ones. Its gradients equal TensorFlow.js's own
 * BatchNormalization layer's, on the CPU backend and on wasm (where it runs evo-nas's kernel).
 * LayerNorm equals TensorFlow.js's LayerNormalization in values and gradients.
 */
import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import t from 'tap';
import { initBackend } from '../../src/nn/backend.js';
import { BatchNorm, LayerNorm } from '../../src/zoo/layers/index.js';
import { holdsAsync } from '../helpers/property.js';

const maxGap = (a: tf.Tensor, b: tf.Tensor) => tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]!);

function layers(channels: number, gamma: tf.Tensor1D, beta: tf.Tensor1D) {
  const ours = new BatchNorm({ epsilon: 1e-5, momentum: 0.1 });
  const theirs = tf.layers.batchNormalization({ epsilon: 1e-5, momentum: 0.9 });
  for (const layer of [ours, theirs]) {
    layer.build([null, null, null, channels]);
    layer.setWeights([gamma, beta, tf.zeros([channels]), tf.ones([channels])]);
  }
  return { ours, theirs };
}

for (const backend of ['cpu', 'wasm'] as const) {
  t.test(`${backend}: training statistics, running statistics, inference and gradients`, async (t) => {
    if (backend === 'wasm') await initBackend('wasm');
    else await tf.setBackend('cpu');
    await holdsAsync(
      t,
      'matches the definition and TensorFlow.js BatchNormalization',
      fc.asyncProperty(fc.integer({ min: 2, max: 4 }), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 6 }), fc.nat(1000), async (batch, side, channels, seed) => {
        const ok = tf.tidy(() => {
          const x = tf.randomNormal([batch, side, side, channels], 1, 2, 'float32', seed);
          const gamma = tf.randomUniform([channels], 0.5, 1.5, 'float32', seed + 1) as tf.Tensor1D;
          const beta = tf.randomUniform([channels], -1, 1, 'float32', seed + 2) as tf.Tensor1D;
          const weights = tf.randomNormal([batch, side, side, channels], 0, 1, 'float32', seed + 3);
          const { ours, theirs } = layers(channels, gamma, beta);
          const { mean, variance } = tf.moments(x, [0, 1, 2]);
          const expected = x.sub(mean).div(variance.add(1e-5).sqrt()).mul(gamma).add(beta);
          // Gradients by x, gamma and beta of a weighted sum of the output, for a layer just built.
          const gradsOf = (layer: tf.layers.Layer) => {
            const input = tf.variable(x);
            const variables = [input, ...layer.trainableWeights.map((w) => w.read() as tf.Variable)];
            const { value, grads } = tf.variableGrads(() => (layer.apply(input, { training: true }) as tf.Tensor).mul(weights).sum() as tf.Scalar, variables);
            const ordered = variables.map((v) => grads[v.name]!);
            value.dispose();
            input.dispose();
            return ordered;
          };
          const ourGrads = gradsOf(ours);
          const theirGrads = gradsOf(theirs);
          const gradsAgree = ourGrads.every((g, i) => maxGap(g, theirGrads[i]!) < 1e-3 * Math.max(1, tf.max(tf.abs(theirGrads[i]!)).dataSync()[0]!));

          ours.setWeights([gamma, beta, tf.zeros([channels]), tf.ones([channels])]);
          const trained = ours.apply(x, { training: true }) as tf.Tensor;
          const count = batch * side * side;
          const [runningMean, runningVariance] = ours.getWeights().slice(2);
          const unbiased = count > 1 ? count / (count - 1) : 1;
          const meanOk = maxGap(runningMean!, mean.mul(0.1)) < 1e-4;
          const varianceOk = maxGap(runningVariance!, variance.mul(0.1 * unbiased).add(0.9)) < 1e-3;
          const inference = ours.apply(x, { training: false }) as tf.Tensor;
          const inferred = x.sub(runningMean!).div(runningVariance!.add(1e-5).sqrt()).mul(gamma).add(beta);
          return maxGap(trained, expected) < 1e-3 && meanOk && varianceOk && maxGap(inference, inferred) < 1e-3 && gradsAgree;
        });
        return ok;
      }),
      { numRuns: 15 },
    );
  });
}

t.test('LayerNorm equals TensorFlow.js LayerNormalization, values and gradients (wasm)', async (t) => {
  await initBackend('wasm');
  await holdsAsync(
    t,
    'same output and same gradients by input, gamma and beta',
    fc.asyncProperty(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 2, max: 9 }), fc.nat(1000), async (batch, tokens, features, seed) =>
      tf.tidy(() => {
        const x = tf.randomNormal([batch, tokens, features], 0.5, 2, 'float32', seed);
        const gamma = tf.randomUniform([features], 0.5, 1.5, 'float32', seed + 1);
        const beta = tf.randomUniform([features], -1, 1, 'float32', seed + 2);
        const weights = tf.randomNormal([batch, tokens, features], 0, 1, 'float32', seed + 3);
        const run = (layer: tf.layers.Layer) => {
          layer.build([null, null, features]);
          layer.setWeights([gamma, beta]);
          const input = tf.variable(x);
          const variables = [input, ...layer.trainableWeights.map((w) => w.read() as tf.Variable)];
          const { value, grads } = tf.variableGrads(() => (layer.apply(input) as tf.Tensor).mul(weights).sum() as tf.Scalar, variables);
          const result = [layer.apply(x) as tf.Tensor, value, ...variables.map((v) => grads[v.name]!)];
          input.dispose();
          return result;
        };
        const ours = run(new LayerNorm({ epsilon: 1e-5 }));
        const theirs = run(tf.layers.layerNormalization({ epsilon: 1e-5 }));
        return ours.every((a, i) => maxGap(a, theirs[i]!) < 1e-3 * Math.max(1, tf.max(tf.abs(theirs[i]!)).dataSync()[0]!));
      }),
    ),
    { numRuns: 30 },
  );
});
