/**
 * TensorFlow.js set-up for tests: one backend for the whole file, and a tiny learnable task
 * (class k = a bright patch in quadrant k of a noisy image) that a ResNet learns in a few steps.
 */
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../src/nn/backend.js';
import { Rng } from '../../src/random/rng.js';

/** The backend the training tests run on: wasm with evo-nas's gradient kernels, as CI has it. */
export async function useTestBackend(): Promise<string> {
  return (await initBackend('wasm')).tfBackend;
}

export interface TinyTask {
  readonly x: tf.Tensor4D;
  readonly labels: tf.Tensor1D;
  readonly targets: tf.Tensor2D;
}

/** `count` images of side `size` with 4 classes; the same seed gives the same images. */
export function tinyTask(count: number, size: number, channels: number, seed: number): TinyTask {
  const rng = Rng.fromSeed(seed);
  const pixels = new Float32Array(count * size * size * channels);
  const labels = new Int32Array(count);
  const half = size / 2;
  for (let n = 0; n < count; n++) {
    const label = rng.int(4);
    labels[n] = label;
    const [top, left] = [label < 2 ? 0 : half, label % 2 === 0 ? 0 : half];
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        const inPatch = y >= top && y < top + half && x >= left && x < left + half;
        for (let c = 0; c < channels; c++) {
          pixels[((n * size + y) * size + x) * channels + c] = (inPatch ? 1 : -0.5) + 0.5 * (rng.float() - 0.5);
        }
      }
    }
  }
  return tf.tidy(() => {
    const labelTensor = tf.tensor1d(labels, 'int32');
    return {
      x: tf.tensor4d(pixels, [count, size, size, channels]),
      labels: labelTensor,
      targets: tf.oneHot(labelTensor, 4).toFloat() as tf.Tensor2D,
    };
  });
}

/** Max |a - b| / max(max |b|, 1e-6): the error of `a` relative to the scale of `b`. */
export function relativeError(a: tf.Tensor, b: tf.Tensor): number {
  return tf.tidy(() => {
    const diff = a.sub(b).abs().max().dataSync()[0] as number;
    const scale = Math.max(b.abs().max().dataSync()[0] as number, 1e-6);
    return diff / scale;
  });
}
