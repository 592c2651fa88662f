/**
 * A trained supernet as the store keeps it: the settings that decided it and the progress saved in
 * every checkpoint, and one way back from a stored version to a live {@link Supernet}, used by the
 * supernet phase (to continue), the evaluator handler and export alike.
 */
import type { AugmentConfig } from '../augment/config.js';
import { getSpace, type Shortcut, type SubnetSampling } from '../space/index.js';
import type { NamedTensor, SupernetRecord } from '../store/schema.js';
import type { Store } from '../store/store.js';
import { Supernet } from './supernet.js';
import type { CurvePoint } from './training-curve.js';

/** Everything that decides the trained supernet; saved in every checkpoint. */
export interface SupernetSettings {
  readonly dataset: string;
  readonly dataDir: string | null;
  readonly seed: number;
  readonly space: string;
  readonly shortcut: Shortcut;
  readonly epochs: number;
  readonly batchSize: number;
  readonly lr: number;
  readonly warmupEpochs: number;
  /** Random subnets per step beside the largest and smallest. */
  readonly sandwich: number;
  /** How each step's subnets beside the largest are drawn; absent in older stores: 'sandwich'. */
  readonly sampling?: SubnetSampling;
  readonly distill: boolean;
  readonly labelSmoothing: number;
  readonly nesterov: boolean;
  /** Use only the first N images of the training split (null: all), for quick runs and tests. */
  readonly trainImages: number | null;
  readonly augment: AugmentConfig | null;
  /**
   * Equal shards each batch is cut into for data-parallel training (data-parallel.ts): each
   * shard has its own BN batch statistics, so it is part of the result; the worker count is not.
   * Checkpoints written before shards existed trained on whole batches: 1.
   */
  readonly shards: number;
}

/** What a checkpoint's `training` field holds. */
export interface SupernetProgress {
  readonly phase: 'supernet';
  readonly settings: SupernetSettings;
  /** Epochs completed. */
  readonly epoch: number;
  readonly step: number;
  readonly classes: number;
  readonly inputChannels: number;
  readonly inputSize: readonly [number, number];
  /** This epoch's training curve (losses per subnet kind, learning rate); absent in older stores. */
  readonly curve?: readonly CurvePoint[];
}

/** The progress recorded in a supernet checkpoint, if it is one of this phase's. */
export function supernetProgress(record: SupernetRecord | undefined): SupernetProgress | undefined {
  const training = record?.training as Partial<SupernetProgress> | undefined;
  if (training?.phase !== 'supernet') return undefined;
  const progress = training as SupernetProgress;
  // Written before data-parallel training: whole batches, one shard.
  return progress.settings.shards === undefined ? { ...progress, settings: { ...progress.settings, shards: 1 } } : progress;
}

export interface StoredSupernet {
  readonly record: SupernetRecord;
  readonly progress: SupernetProgress;
  /** The caller owns it and disposes it. */
  readonly supernet: Supernet;
}

/**
 * The supernet of `version` (default: the newest) rebuilt from the store's weights, with the
 * record and progress it came from; undefined when the store holds no supernet checkpoint there.
 */
export function loadSupernet(store: Store, version?: number): StoredSupernet | undefined {
  const record = store.getSupernet(version);
  return record ? supernetFromRecord(record, store.getWeights(record.weights)) : undefined;
}

/** A checkpoint record and its tensors as a live supernet; undefined when the record is not a supernet's. */
export function supernetFromRecord(record: SupernetRecord, tensors: readonly NamedTensor[]): StoredSupernet | undefined {
  const progress = supernetProgress(record);
  if (!progress) return undefined;
  const config = { classes: progress.classes, inputChannels: progress.inputChannels, shortcut: progress.settings.shortcut };
  const supernet = Supernet.fromWeights(getSpace(progress.settings.space), config, tensors);
  return { record, progress, supernet };
}
