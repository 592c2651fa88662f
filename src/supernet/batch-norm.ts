/**
 * Batch norm written with broadcasting ops (sub, mul, rsqrt) rather than tf.batchNorm, whose
 * gradient spends its time in `Tile` on the wasm backend (DESIGN.md). Training mode returns the
 * batch mean and biased variance too, for running statistics and BN recalibration.
 */
import * as tf from '@tensorflow/tfjs';

/** PyTorch's default epsilon. */
export const BN_EPSILON = 1e-5;

export function batchNormTraining(
  x: tf.Tensor4D,
  gamma: tf.Tensor1D,
  beta: tf.Tensor1D,
  epsilon = BN_EPSILON,
): { output: tf.Tensor4D; mean: tf.Tensor1D; variance: tf.Tensor1D } {
  const mean = x.mean([0, 1, 2]) as tf.Tensor1D;
  const centered = x.sub(mean);
  const variance = centered.square().mean([0, 1, 2]) as tf.Tensor1D;
  const scale = variance.add(epsilon).rsqrt().mul(gamma);
  return { output: centered.mul(scale).add(beta) as tf.Tensor4D, mean, variance };
}

export function batchNormInference(
  x: tf.Tensor4D,
  mean: tf.Tensor1D,
  variance: tf.Tensor1D,
  gamma: tf.Tensor1D,
  beta: tf.Tensor1D,
  epsilon = BN_EPSILON,
): tf.Tensor4D {
  const scale = variance.add(epsilon).rsqrt().mul(gamma);
  const shift = beta.sub(mean.mul(scale));
  return x.mul(scale).add(shift) as tf.Tensor4D;
}
