/**
 * The shared body of the training-step tests, with the backend as a parameter: one SGD step on
 * a fixed batch must change the weights and lower the loss. Stochastic layers are reseeded to
 * the same stream before every evaluation, so the loss is a deterministic function of the
 * weights and "lower" means what it says.
 */
import type { Test } from 'tap';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../src/nn/backend.js';
import { Rng } from '../../src/random/rng.js';
import { buildModel, getArchitecture, reseedStochasticLayers } from '../../src/zoo/index.js';

export interface TrainingStepCase {
  readonly backend: string;
  readonly name: string;
  /** Input side: the CPU backend's convolution gradients are slow, so small images keep CI fast. */
  readonly inputSize: number;
  readonly batch?: number;
  readonly learningRate?: number;
  /** Whether whole residual blocks may be dropped during the step (their weights then stay). */
  readonly blocksMayDrop: boolean;
}

export async function checkTrainingStep(t: Test, c: TrainingStepCase): Promise<void> {
  // wasm trains only with evo-nas's gradient kernels, which initBackend registers.
  if (c.backend === 'wasm') await initBackend('wasm');
  else await tf.setBackend(c.backend);
  const batch = c.batch ?? 2;
  const model = buildModel(getArchitecture(c.name), { classes: 10, inputShape: [c.inputSize, c.inputSize, 3], seed: 1 });
  const images = tf.randomUniform([batch, c.inputSize, c.inputSize, 3], 0, 1, 'float32', 5);
  const labels = tf.oneHot(tf.tensor1d(Array.from({ length: batch }, (_, i) => (3 * i + 1) % 10), 'int32'), 10);
  const loss = () => {
    reseedStochasticLayers(model, Rng.fromSeed(1).fork('training-step'));
    return tf.losses.softmaxCrossEntropy(labels, model.apply(images, { training: true }) as tf.Tensor) as tf.Scalar;
  };
  try {
    const before = model.trainableWeights.map((w) => w.read().dataSync().slice());
    const lossBefore = tf.tidy(() => loss().dataSync()[0]!);
    const optimizer = tf.train.sgd(c.learningRate ?? 1e-3);
    tf.tidy(() => {
      optimizer.minimize(loss);
    });
    optimizer.dispose();
    const lossAfter = tf.tidy(() => loss().dataSync()[0]!);
    const moved = model.trainableWeights.filter((w, i) => w.read().dataSync().some((v, j) => v !== before[i]![j])).length;
    const total = model.trainableWeights.length;
    t.ok(Number.isFinite(lossBefore) && Number.isFinite(lossAfter), `finite losses (${lossBefore}, ${lossAfter})`);
    t.ok(lossAfter < lossBefore, `the loss fell from ${lossBefore.toFixed(4)} to ${lossAfter.toFixed(4)}`);
    // A few tensors legitimately get no gradient: a BN shift feeding a linear layer and another
    // BN (e.g. MobileNetV2's last block before its 1x1 conv) is cancelled by that BN's mean.
    t.ok(moved >= (c.blocksMayDrop ? 0.5 : 0.95) * total, `${moved} of ${total} trainable tensors moved`);
  } finally {
    model.dispose();
    tf.dispose([images, labels]);
  }
}
