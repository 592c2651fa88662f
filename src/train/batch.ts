/** A training batch as the steps take it: supernet sandwich steps and zoo model steps alike. */
import type * as tf from '@tensorflow/tfjs';

export interface TrainBatch {
  /** NHWC float32 images, normalised. */
  readonly x: tf.Tensor4D;
  /** Target distributions [batch, classes]: one-hot, or soft after Mixup/CutMix. */
  readonly targets: tf.Tensor2D;
}
