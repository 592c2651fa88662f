/**
 * The unit the data pipeline and the augmentations pass around: a batch of images as uint8
 * NHWC (0..255, as the datasets store them) with a label distribution per image. Labels are rows
 * of `classes` numbers summing to 1: one-hot from a dataset, soft after Mixup or CutMix.
 * Normalisation to float32 happens last, when a batch becomes a tensor.
 */
export interface ImageBatch {
  /** count * height * width * channels bytes, NHWC. */
  readonly images: Uint8Array;
  readonly count: number;
  readonly height: number;
  readonly width: number;
  readonly channels: number;
  /** count * classes probabilities; each row sums to 1. */
  readonly labels: Float32Array;
  readonly classes: number;
}
