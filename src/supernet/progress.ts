/**
 * What a supernet checkpoint records of its training: the settings that decided it and how far it
 * got. Kept apart from the weights (stored.ts) so that readers such as `evo-nas show` learn a
 * supernet's progress without loading TensorFlow.js.
 */
import type { AugmentConfig } from '../augment/config.js';
import type { Shortcut, SubnetSampling } from '../space/index.js';
import type { SupernetRecord } from '../store/schema.js';
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
