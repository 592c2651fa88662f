/** Losses over soft targets: label smoothing and distillation are both "cross-entropy to a distribution". */
import * as tf from '@tensorflow/tfjs';
import '../nn/quiet.js';

/** Mean over the batch of -sum(targets * log softmax(logits)); targets are rows summing to 1. */
export function softCrossEntropy(logits: tf.Tensor2D, targets: tf.Tensor2D): tf.Scalar {
  return tf.tidy(() => targets.mul(tf.logSoftmax(logits)).sum(1).mean().neg() as tf.Scalar);
}

/** Label smoothing (Szegedy et al. 2016): (1 - epsilon) * targets + epsilon / classes. */
export function smoothLabels(targets: tf.Tensor2D, epsilon: number): tf.Tensor2D {
  if (epsilon === 0) return targets.clone();
  return tf.tidy(() => targets.mul(1 - epsilon).add(epsilon / targets.shape[1]) as tf.Tensor2D);
}
