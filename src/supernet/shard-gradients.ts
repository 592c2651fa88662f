/**
 * One shard of a data-parallel step: the sandwich's summed gradients on the shard's rows, written
 * into the shard's slot of the flat gradient buffer, with the full-width network's BN batch
 * statistics and each subnet's loss. The same function runs on the main thread (--workers 0) and
 * in every worker, so a shard's gradients do not depend on where they were computed.
 */
import * as tf from '@tensorflow/tfjs';
import type { Genome } from '../space/index.js';
import { sandwichGradients, type StepOptions } from './sandwich.js';
import type { LayerStatistics } from './shards.js';
import { sizeOf, type FlatLayout, type ShardData } from '../train/shards.js';
import type { Supernet } from './supernet.js';

export interface ShardResult {
  readonly losses: number[];
  /** Indices (into the flat layout) of the variables some subnet used; the others' slots are zero. */
  readonly used: number[];
  readonly statistics: LayerStatistics[];
}

/** Computes one shard's gradients into `slot` (layout.size floats). */
export function shardGradients(
  supernet: Supernet,
  data: ShardData,
  genomes: readonly Genome[],
  options: Omit<StepOptions, 'lr'>,
  layout: FlatLayout,
  slot: Float32Array,
): ShardResult {
  const statistics: LayerStatistics[] = [];
  const batch = { x: tf.tensor4d(data.x, [...data.xShape]), targets: tf.tensor2d(data.targets, [...data.targetShape]) };
  try {
    const { grads, losses } = sandwichGradients(supernet, batch, genomes, options, (layer, mean, variance, count) => {
      statistics.push({ layer, mean: mean.dataSync() as Float32Array, variance: variance.dataSync() as Float32Array, count });
    });
    const used: number[] = [];
    layout.names.forEach((name, index) => {
      const offset = layout.offsets[index] as number;
      const grad = grads.get(name);
      const size = sizeOf(layout.shapes[index] ?? []);
      if (grad) {
        slot.set(grad.dataSync() as Float32Array, offset);
        grad.dispose();
        used.push(index);
      } else {
        slot.fill(0, offset, offset + size);
      }
    });
    return { losses, used, statistics };
  } finally {
    tf.dispose([batch.x, batch.targets]);
  }
}

/** Assigns every trainable variable its values from the flat buffer. */
export function loadFlatWeights(supernet: Supernet, layout: FlatLayout, flat: Float32Array): void {
  layout.names.forEach((name, index) => {
    const shape = layout.shapes[index] as number[];
    const offset = layout.offsets[index] as number;
    const value = tf.tensor(flat.slice(offset, offset + sizeOf(shape)), shape);
    supernet.variable(name).assign(value);
    value.dispose();
  });
}

/** Writes every trainable variable's values into the flat buffer. */
export function storeFlatWeights(supernet: Supernet, layout: FlatLayout, flat: Float32Array): void {
  layout.names.forEach((name, index) => flat.set(supernet.variable(name).dataSync() as Float32Array, layout.offsets[index] as number));
}
