/**
 * The supernet's part of data-parallel training (the shared arithmetic is src/train/shards.ts):
 * its flat layout of trainable tensors, and BN batch statistics averaged over the shards in
 * shard order.
 */
import type { TensorSpec } from './layout.js';
import { flatLayoutOf, type FlatLayout } from '../train/shards.js';

/** The trainable tensors of a supernet layout, one after the other. */
export function flatLayout(layout: readonly TensorSpec[]): FlatLayout {
  return flatLayoutOf(layout.filter((spec) => spec.trainable));
}

/** One BN layer's batch statistics on one shard (biased variance, `count` values per channel). */
export interface LayerStatistics {
  readonly layer: string;
  readonly mean: Float32Array;
  readonly variance: Float32Array;
  readonly count: number;
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
