/**
 * The arithmetic of data-parallel training, kept free of threads so that it is the same for one
 * worker or many: a batch is cut into a fixed number of equal shards (a setting of the run, never
 * the worker count); each shard's gradients land in their own slot of one flat buffer, in the
 * layout order of the trainable variables; the slots are summed in shard order (0 + 1 + ...) and
 * divided by the shard count, which gives the full batch's mean-loss gradient; BN batch
 * statistics are averaged over the shards in the same order.
 */
import type { TensorSpec } from './layout.js';

/** Shards per batch when a run does not say: a batch splits evenly over 1 or 2 cores. */
export const DEFAULT_SHARDS = 2;

/** Where each trainable variable sits in a flat float32 buffer. */
export interface FlatLayout {
  readonly names: readonly string[];
  readonly shapes: readonly (readonly number[])[];
  readonly offsets: readonly number[];
  /** Floats in all, the sum of the variables' sizes. */
  readonly size: number;
}

/** The trainable tensors of a supernet layout, one after the other. */
export function flatLayout(layout: readonly TensorSpec[]): FlatLayout {
  const trainable = layout.filter((spec) => spec.trainable);
  const sizes = trainable.map((spec) => spec.shape.reduce((a, b) => a * b, 1));
  const offsets = sizes.map((_, i) => sizes.slice(0, i).reduce((a, b) => a + b, 0));
  return {
    names: trainable.map((spec) => spec.name),
    shapes: trainable.map((spec) => [...spec.shape]),
    offsets,
    size: sizes.reduce((a, b) => a + b, 0),
  };
}

/** The rows [start, end) of shard `shard` of a batch of `batchSize` rows cut into `shards`. */
export function shardRows(batchSize: number, shards: number, shard: number): readonly [number, number] {
  const rows = batchSize / shards;
  return [shard * rows, (shard + 1) * rows];
}

/** One BN layer's batch statistics on one shard (biased variance, `count` values per channel). */
export interface LayerStatistics {
  readonly layer: string;
  readonly mean: Float32Array;
  readonly variance: Float32Array;
  readonly count: number;
}

/**
 * The mean over shards of the gradient slots `slots[0..shards)`, each `size` floats: summed in
 * shard order into float32, then divided by the shard count. The result does not depend on
 * which thread computed which slot, nor in what order they finished.
 */
export function meanOfShards(slots: Float32Array, shards: number, size: number): Float32Array {
  const sum = slots.slice(0, size);
  for (let shard = 1; shard < shards; shard++) {
    const slot = slots.subarray(shard * size, (shard + 1) * size);
    for (let i = 0; i < size; i++) sum[i] = (sum[i] as number) + (slot[i] as number);
  }
  if (shards > 1) for (let i = 0; i < size; i++) sum[i] = (sum[i] as number) / shards;
  return sum;
}

/** Each layer's statistics averaged over the shards, in shard order; the layers must agree. */
export function meanStatistics(perShard: readonly (readonly LayerStatistics[])[]): LayerStatistics[] {
  const [first, ...rest] = perShard;
  if (!first) return [];
  return first.map((layer, index) => {
    const [mean, variance] = [layer.mean.slice(), layer.variance.slice()];
    for (const shard of rest) {
      const other = shard[index];
      if (!other || other.layer !== layer.layer) throw new Error(`shards disagree on BN layer ${index} (${layer.layer})`);
      for (let c = 0; c < mean.length; c++) {
        mean[c] = (mean[c] as number) + (other.mean[c] as number);
        variance[c] = (variance[c] as number) + (other.variance[c] as number);
      }
    }
    if (rest.length > 0) {
      for (let c = 0; c < mean.length; c++) {
        mean[c] = (mean[c] as number) / perShard.length;
        variance[c] = (variance[c] as number) / perShard.length;
      }
    }
    return { layer: layer.layer, mean, variance, count: layer.count };
  });
}

/** The mean of each position over the shards' loss lists (one loss per subnet), in shard order. */
export function meanLosses(perShard: readonly (readonly number[])[]): number[] {
  const [first] = perShard;
  if (!first) return [];
  return first.map((_, i) => perShard.reduce((sum, losses) => sum + (losses[i] as number), 0) / perShard.length);
}
