import t from 'tap';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../src/nn/backend.js';
import { batchNormTraining } from '../../src/nn/batch-norm.js';
import { seededRng, uniform } from '../helpers/backends.js';

t.test('repeated gradient computations through every custom kernel leave no tensors or memory behind', async (t) => {
  await initBackend('wasm');
  const rng = seededRng(5, 'leaks');
  const x = tf.tensor4d(uniform(2 * 8 * 8 * 4, rng), [2, 8, 8, 4]);
  const w = tf.variable(tf.tensor4d(uniform(3 * 3 * 4 * 8, rng), [3, 3, 4, 8]));
  const w2 = tf.variable(tf.tensor4d(uniform(3 * 3 * 8 * 8, rng), [3, 3, 8, 8]));
  const projection = tf.variable(tf.tensor4d(uniform(8 * 8, rng), [1, 1, 8, 8]));
  const depthwise = tf.variable(tf.tensor4d(uniform(3 * 3 * 8, rng), [3, 3, 8, 1]));
  const gamma = tf.variable(tf.ones([8]) as tf.Tensor1D);
  const beta = tf.variable(tf.zeros([8]) as tf.Tensor1D);
  const step = () =>
    tf.tidy(() => {
      const { value, grads } = tf.variableGrads(() => {
        // Every gradient kernel runs: input gradients of 3x3 stride 1 and 2, 1x1 stride 2, depthwise.
        const h = tf.conv2d(x, w, 1, 'same');
        const y = tf.conv2d(h, w2, 2, 'same');
        const bn = batchNormTraining(tf.depthwiseConv2d(y, depthwise, 1, 'same'), gamma, beta, { relu: true });
        const shortcut = tf.conv2d(h, projection, 2, 'valid');
        return tf.mean(tf.square(tf.conv2d(tf.add(bn.output, shortcut) as tf.Tensor4D, w2, 1, 'same')));
      });
      // Apply the update so that variables get new data, as training does.
      for (const [name, grad] of Object.entries(grads)) {
        const variable = [w, w2, projection, depthwise, gamma, beta].find((v) => v.name === name);
        variable?.assign(tf.sub(variable, tf.mul(grad, 0.01)));
      }
      return value.dataSync()[0];
    });
  // The backend's own count also sees buffers that kernels allocate and never hand to the engine.
  const census = () => ({ ...tf.memory(), backendBuffers: tf.backend().numDataIds() });
  step();
  const before = census();
  for (let i = 0; i < 20; i++) step();
  const after = census();
  t.equal(after.numTensors, before.numTensors, 'tensor count flat');
  t.equal(after.numBytes, before.numBytes, 'bytes flat');
  t.equal(after.backendBuffers, before.backendBuffers, 'backend data buffers flat');
  tf.dispose([x, w, w2, projection, depthwise, gamma, beta]);
});
