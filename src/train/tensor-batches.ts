/** The data pipeline's float32 batches as the tensors a training step takes. */
import * as tf from '@tensorflow/tfjs';
import '../nn/quiet.js';
import type { TrainBatch } from './batch.js';

export interface ArrayBatch {
  readonly data: Float32Array;
  readonly shape: readonly number[];
  readonly labels: Float32Array;
  readonly labelShape: readonly number[];
}

/** Each batch as NHWC images and target rows; the consumer disposes them. */
export async function* tensorBatches(batches: AsyncIterable<ArrayBatch>): AsyncGenerator<TrainBatch> {
  for await (const batch of batches) {
    yield {
      x: tf.tensor4d(batch.data, batch.shape as [number, number, number, number]),
      targets: tf.tensor2d(batch.labels, batch.labelShape as [number, number]),
    };
  }
}
