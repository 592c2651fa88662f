import t from 'tap';
import * as tf from '@tensorflow/tfjs';
import { batchNormTraining } from '../../src/nn/batch-norm.js';
import { compareBackends, seededRng, TOLERANCE, uniform } from '../helpers/backends.js';

/**
 * One training step of a small slimmable ResNet, with every op the supernet uses: convolutions
 * (3x3, strided, 1x1 projection) over the leading channels of larger weight tensors (slice),
 * batch norm, ReLU, the residual add, global average pooling (mean and avgPool), the dense head
 * with bias, softmax cross-entropy with label smoothing, and an in-place-distillation term
 * (softmax and logSoftmax). Each weight's gradient on wasm must equal the CPU backend's.
 */
t.test('every op of a slimmable ResNet training step has a wasm gradient equal to the CPU one', async (t) => {
  const rng = seededRng(2, 'resnet-step');
  const shapes: Record<string, number[]> = {
    stem: [3, 3, 3, 8], conv1: [3, 3, 8, 12], conv2: [3, 3, 12, 12], projection: [1, 1, 8, 12],
    gamma1: [12], beta1: [12], gamma2: [12], beta2: [12], head: [12, 5], bias: [5],
  };
  const values = Object.fromEntries(Object.entries(shapes).map(([name, shape]) => [name, uniform(shape.reduce((a, b) => a * b, 1), rng)]));
  const images = uniform(4 * 8 * 8 * 3, rng);
  const labels = [0, 3, 4, 1];
  const { errors, shapes: gradientShapes } = await compareBackends(() => {
    const weights = Object.fromEntries(Object.entries(shapes).map(([name, shape]) => [name, tf.variable(tf.tensor(values[name]!, shape), true, `${name}-${tf.getBackend()}`)]));
    const leading = (name: string, shape: number[]) => tf.slice(weights[name]!, shape.map(() => 0), shape);
    const x = tf.tensor4d(images, [4, 8, 8, 3]);
    const onehot = tf.oneHot(labels, 5);
    const { grads } = tf.variableGrads(() => {
      // The subnet uses 6 of the stem's 8 channels and 10 of the block's 12.
      const stem = tf.relu(tf.conv2d(x, leading('stem', [3, 3, 3, 6]) as tf.Tensor4D, 1, 'same'));
      const bn1 = batchNormTraining(tf.conv2d(stem, leading('conv1', [3, 3, 6, 10]) as tf.Tensor4D, 2, 'same'), leading('gamma1', [10]) as tf.Tensor1D, leading('beta1', [10]) as tf.Tensor1D, { relu: true });
      const bn2 = batchNormTraining(tf.conv2d(bn1.output, leading('conv2', [3, 3, 10, 10]) as tf.Tensor4D, 1, 'same'), leading('gamma2', [10]) as tf.Tensor1D, leading('beta2', [10]) as tf.Tensor1D);
      const shortcut = tf.conv2d(stem, leading('projection', [1, 1, 6, 10]) as tf.Tensor4D, 2, 'valid');
      const features = tf.mean(tf.relu(tf.add(bn2.output, shortcut)), [1, 2]) as tf.Tensor2D;
      const logits = tf.add(tf.matMul(features, leading('head', [10, 5]) as tf.Tensor2D), weights.bias!);
      const pooled = tf.mean(tf.avgPool(stem, 2, 2, 'valid'));
      // Distillation: cross-entropy against soft targets (here the network's own, tempered).
      const teacher = tf.softmax(tf.mul(logits, 0.5));
      const distillation = tf.neg(tf.mean(tf.sum(tf.mul(teacher, tf.logSoftmax(logits)), -1)));
      return tf.addN([tf.losses.softmaxCrossEntropy(onehot, logits, undefined, 0.1), distillation, pooled]) as tf.Scalar;
    }, Object.values(weights));
    const result = Object.keys(shapes).map((name) => grads[`${name}-${tf.getBackend()}`]!);
    tf.dispose(Object.values(weights));
    return result.map((g) => tf.keep(g));
  });
  t.equal(errors.length, Object.keys(shapes).length, 'a gradient for every weight');
  t.same(gradientShapes, Object.values(shapes), 'shaped like the weights');
  for (const [i, name] of Object.keys(shapes).entries()) t.ok(errors[i]! <= TOLERANCE, `${name}: relative error ${errors[i]!.toExponential(1)}`);
});
