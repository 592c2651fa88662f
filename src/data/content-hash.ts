/**
 * A dataset's content hash: sha256 over the training images and labels a search uses (shape
 * first), so two hosts can tell whether their copies of a dataset agree before evaluating on them.
 * A training validated on the test split (`table build`) hashes the test images and labels too:
 * a worker whose test set differs would otherwise report a silently different accuracy.
 */
import { createHash, type Hash } from 'node:crypto';
import type { Dataset, ImageSet } from './dataset.js';

export interface ContentHashOptions {
  /** Hash the test split as well as the training split. */
  readonly withTest?: boolean;
}

export function datasetContentHash(dataset: Dataset, options: ContentHashOptions = {}): string {
  const hash = createHash('sha256').update(`${dataset.name}|`);
  addSet(hash, dataset.train);
  if (options.withTest) addSet(hash.update('test|'), dataset.test);
  return hash.digest('hex');
}

function addSet(hash: Hash, set: ImageSet): void {
  hash
    .update(`${set.count}x${set.height}x${set.width}x${set.channels}|`)
    .update(set.images)
    .update(new Uint8Array(set.labels.buffer, set.labels.byteOffset, set.labels.byteLength));
}
