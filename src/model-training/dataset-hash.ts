/**
 * The content hash of the data a training of `table build` reads: the training images, and the
 * test images too when the recipe validates on them. The build host sends it with `--queue`; each
 * worker hashes its own copy the same way and refuses to train on a copy that differs. It lives
 * beside the trainings, not the build, so the evaluators' training handler need not import the
 * build (a folder cycle).
 */
import { datasetContentHash } from '../data/content-hash.js';
import type { Dataset } from '../data/dataset.js';
import type { EpochSettings } from '../model-training/epochs.js';

export function trainingDatasetHash(dataset: Dataset, settings: Pick<EpochSettings, 'validation'>): string {
  return datasetContentHash(dataset, { withTest: settings.validation === 'test' });
}
