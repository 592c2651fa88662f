/**
 * A dataset's content hash: sha256 over the training images and labels a search uses (shape
 * first), so two hosts can tell whether their copies of a dataset agree before evaluating on them.
 */
import { createHash } from 'node:crypto';
import type { Dataset } from './dataset.js';

export function datasetContentHash(dataset: Dataset): string {
  const { train } = dataset;
  return createHash('sha256')
    .update(`${dataset.name}|${train.count}x${train.height}x${train.width}x${train.channels}|`)
    .update(train.images)
    .update(new Uint8Array(train.labels.buffer, train.labels.byteOffset, train.labels.byteLength))
    .digest('hex');
}
