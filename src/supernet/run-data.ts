/**
 * The data a supernet run trains and evaluates on, loaded the same way by the trainer (main
 * thread) and by every evaluator worker: the dataset from its sources, and a validation split
 * carved from its training images with a fixed, seeded, stratified draw. The test split is never
 * used by a search.
 */
import * as tf from '@tensorflow/tfjs';
import '../nn/quiet.js';
import { getDatasetSpec, loadDataset } from '../data/load.js';
import { validationSplit, type TrainValidationSplit } from '../data/split.js';
import { normaliseBatch } from '../data/normalise.js';
import { gatherBatch } from '../data/batches.js';
import type { Dataset } from '../data/dataset.js';
import { Rng } from '../random/rng.js';
import type { LabelledBatch } from './evaluate.js';

export interface RunDataSettings {
  readonly dataset: string;
  readonly dataDir: string | null;
  /** The run seed: the validation split derives from it. */
  readonly seed: number;
}

export interface RunData {
  readonly dataset: Dataset;
  readonly split: TrainValidationSplit;
}

/** Loads the dataset and carves the run's validation split (10%, stratified, from the run seed). */
export async function loadRunData(settings: RunDataSettings): Promise<RunData> {
  const dataset = await loadDataset(getDatasetSpec(settings.dataset), settings.dataDir ? { sources: { dataDir: settings.dataDir } } : {});
  const split = validationSplit(dataset.train.labels, Rng.fromSeed(settings.seed).fork('validation-split'));
  return { dataset, split };
}

/** Normalised tensors of the given training-set images, with their labels. */
export function labelledTensors(data: RunData, indices: ArrayLike<number>): LabelledBatch {
  const batch = normaliseBatch(gatherBatch(data.dataset.train, Array.from(indices), data.dataset.classNames.length), data.dataset);
  return tf.tidy(() => ({
    x: tf.tensor4d(batch.data, [...batch.shape]),
    labels: tf.tensor2d(batch.labels, [...batch.labelShape]).argMax(1).toInt() as tf.Tensor1D,
  }));
}

/**
 * The training images a run recalibrates every candidate's BN on: `batches` batches from one
 * seeded shuffle of the training split. The evaluator and the export use this same set, so an
 * exported model has the statistics its reported accuracy was measured with.
 */
export function recalibrationImages(data: RunData, seed: number, batches: number, batchSize: number): tf.Tensor4D[] {
  const shuffled = Rng.fromSeed(seed).fork('recalibration').shuffle(Array.from(data.split.train));
  return Array.from({ length: batches }, (_, b) => {
    const { x, labels } = labelledTensors(data, shuffled.slice(b * batchSize, (b + 1) * batchSize));
    labels.dispose();
    return x;
  });
}
