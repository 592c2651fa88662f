/**
 * The last step before a batch becomes a tensor: uint8 pixels to float32, `(value / 255 - mean)
 * / std` per channel. The result is a plain Float32Array with its NHWC shape, so src/data never
 * imports TensorFlow.js; the trainer calls `tf.tensor4d(batch.data, batch.shape)`.
 */
import type { ImageBatch } from './batch.js';
import type { ChannelStats } from './stats.js';

/** A batch ready for TensorFlow.js: NHWC float32 images and [count, classes] label rows. */
export interface TensorBatch {
  readonly data: Float32Array;
  readonly shape: readonly [number, number, number, number];
  readonly labels: Float32Array;
  readonly labelShape: readonly [number, number];
}

/**
 * Normalises a batch with the dataset's per-channel statistics (on the 0..1 scale). A lookup
 * table of 256 values per channel makes it one read and one write per byte.
 */
export function normaliseBatch(batch: ImageBatch, stats: ChannelStats): TensorBatch {
  const { channels } = batch;
  const table = new Float32Array(channels * 256);
  for (let c = 0; c < channels; c++) {
    const mean = stats.mean[c] ?? 0;
    const std = stats.std[c] || 1; // a constant channel has std 0: leave it centred, not infinite
    for (let v = 0; v < 256; v++) table[c * 256 + v] = (v / 255 - mean) / std;
  }
  const data = new Float32Array(batch.images.length);
  const { images } = batch;
  for (let p = 0; p < images.length; p += channels) {
    for (let c = 0; c < channels; c++) data[p + c] = table[c * 256 + (images[p + c] as number)] as number;
  }
  return {
    data,
    shape: [batch.count, batch.height, batch.width, channels],
    labels: batch.labels,
    labelShape: [batch.count, batch.classes],
  };
}
