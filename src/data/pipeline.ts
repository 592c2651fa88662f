/**
 * The data pipeline as a trainer sees it: per epoch, shuffled (and optionally augmented) batches,
 * normalised to float32, prepared ahead of the consumer. Evaluation batches are the same without
 * shuffling or augmentation.
 */
import { Rng } from '../random/rng.js';
import { epochBatches, type BatchOptions } from './batches.js';
import type { Dataset, ImageSet } from './dataset.js';
import { normaliseBatch, type TensorBatch } from './normalise.js';
import { prefetch } from './prefetch.js';
import type { ChannelStats } from './stats.js';

export interface PipelineOptions extends Omit<BatchOptions, 'classes'> {
  /** Batches prepared ahead (default 2). */
  readonly prefetch?: number;
}

/** Epoch `epoch`'s training batches from `set`, normalised with `stats` (the dataset's mean/std). */
export function trainingBatches(
  set: ImageSet,
  dataset: Pick<Dataset, 'classNames'> & ChannelStats,
  epoch: number,
  rng: Rng,
  options: PipelineOptions,
): AsyncGenerator<TensorBatch> {
  const batches = epochBatches(set, epoch, rng, { ...options, classes: dataset.classNames.length });
  return prefetch(mapIterable(batches, (batch) => normaliseBatch(batch, dataset)), options.prefetch ?? 2);
}

/** Batches for evaluation: every image of `indices` (or the set) once, in order, not augmented. */
export function evaluationBatches(
  set: ImageSet,
  dataset: Pick<Dataset, 'classNames'> & ChannelStats,
  options: Pick<PipelineOptions, 'batchSize' | 'indices' | 'prefetch'>,
): AsyncGenerator<TensorBatch> {
  // Nothing is drawn without shuffling or augmentation; the generator only satisfies the signature.
  return trainingBatches(set, dataset, 0, Rng.fromSeed(0), { ...options, shuffle: false, dropLast: false });
}

function* mapIterable<A, B>(items: Iterable<A>, f: (item: A) => B): Generator<B> {
  for (const item of items) yield f(item);
}
