/**
 * The arithmetic of data-parallel training, kept free of threads so that it is the same for one
 * worker or many, for the supernet and for zoo models alike: a batch is cut into a fixed number
 * of equal shards (a setting of the run, never the worker count); each shard's gradients land in
 * their own slot of one flat buffer, in the layout order of the trainable variables; the slots
 * are summed in shard order (0 + 1 + ...) and divided by the shard count, which gives the full
 * batch's mean-loss gradient.
 */

/** Shards per batch when a run does not say: a batch splits evenly over 1 or 2 cores. */
export const DEFAULT_SHARDS = 2;

/** Where each variable sits in a flat float32 buffer. */
export interface FlatLayout {
  readonly names: readonly string[];
  readonly shapes: readonly (readonly number[])[];
  readonly offsets: readonly number[];
  /** Floats in all, the sum of the variables' sizes. */
  readonly size: number;
}

/** The tensors one after the other, in the order given. */
export function flatLayoutOf(tensors: readonly { readonly name: string; readonly shape: readonly number[] }[]): FlatLayout {
  const sizes = tensors.map((spec) => sizeOf(spec.shape));
  const offsets = sizes.map((_, i) => sizes.slice(0, i).reduce((a, b) => a + b, 0));
  return {
    names: tensors.map((spec) => spec.name),
    shapes: tensors.map((spec) => [...spec.shape]),
    offsets,
    size: sizes.reduce((a, b) => a + b, 0),
  };
}

/** Elements in a tensor of this shape. */
export function sizeOf(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** The rows [start, end) of shard `shard` of a batch of `batchSize` rows cut into `shards`. */
export function shardRows(batchSize: number, shards: number, shard: number): readonly [number, number] {
  const rows = batchSize / shards;
  return [shard * rows, (shard + 1) * rows];
}

/** A shard's images and targets as flat float32 rows. */
export interface ShardData {
  readonly x: Float32Array;
  readonly xShape: readonly [number, number, number, number];
  readonly targets: Float32Array;
  readonly targetShape: readonly [number, number];
}

/** Rows of shard `shard` (of `shards`) out of a batch's images [batch, h, w, c] and targets [batch, classes]. */
export function shardOf(
  x: Float32Array,
  xShape: readonly [number, number, number, number],
  targets: Float32Array,
  classes: number,
  shards: number,
  shard: number,
): ShardData {
  const [batchSize, height, width, channels] = xShape;
  const [start, end] = shardRows(batchSize, shards, shard);
  const pixels = height * width * channels;
  return {
    x: x.slice(start * pixels, end * pixels),
    xShape: [end - start, height, width, channels],
    targets: targets.slice(start * classes, end * classes),
    targetShape: [end - start, classes],
  };
}

/**
 * The mean over shards of the slots `slots[0..shards)`, each `size` floats: summed in shard order
 * into float32, then divided by the shard count. The result does not depend on which thread
 * computed which slot, nor in what order they finished.
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

/**
 * The named gradients of the variables some shard used, as views into the averaged flat buffer;
 * the others get none, so the optimiser leaves them alone as a whole-batch step would.
 */
export function usedGradients(mean: Float32Array, layout: FlatLayout, used: ReadonlySet<number>): Map<string, Float32Array> {
  const grads = new Map<string, Float32Array>();
  layout.names.forEach((name, index) => {
    if (!used.has(index)) return;
    const offset = layout.offsets[index] as number;
    grads.set(name, mean.subarray(offset, offset + sizeOf(layout.shapes[index] ?? [])));
  });
  return grads;
}

/** The mean of each position over the shards' loss lists, in shard order. */
export function meanLosses(perShard: readonly (readonly number[])[]): number[] {
  const [first] = perShard;
  if (!first) return [];
  return first.map((_, i) => perShard.reduce((sum, losses) => sum + (losses[i] as number), 0) / perShard.length);
}
