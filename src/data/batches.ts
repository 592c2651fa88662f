/**
 * One epoch of batches from an image set: seeded shuffling, uint8 NHWC `ImageBatch`es with
 * one-hot labels, and an optional augmentation applied to each batch (src/augment plugs in here).
 *
 * Randomness is forked per epoch and per batch from the `rng` passed in (`epoch-3/order`,
 * `epoch-3/augment-17`), so epoch e's order and batch b's augmentation depend only on the seed
 * and (e, b): the same seed gives the same batches, with or without prefetching, and resuming at
 * epoch e reproduces it without replaying the earlier ones.
 */
import { InputError } from '../errors/errors.js';
import type { Rng } from '../random/rng.js';
import type { ImageBatch } from './batch.js';
import { imageBytes, type ImageSet } from './dataset.js';

/** A batch transform drawn from `rng`, e.g. crop + flip + Cutout; must not modify its input. */
export type Augment = (batch: ImageBatch, rng: Rng) => ImageBatch;

export interface BatchOptions {
  readonly batchSize: number;
  /** Label width: the dataset's class count. */
  readonly classes: number;
  /** The images to draw from (e.g. a split's indices); all of the set when absent. */
  readonly indices?: ArrayLike<number>;
  /** Shuffle each epoch (default true; evaluation passes false). */
  readonly shuffle?: boolean;
  /** Drop a last batch smaller than `batchSize` (default false). */
  readonly dropLast?: boolean;
  readonly augment?: Augment;
}

/** How many batches an epoch of `count` images gives. */
export function batchCount(count: number, batchSize: number, dropLast = false): number {
  return dropLast ? Math.floor(count / batchSize) : Math.ceil(count / batchSize);
}

/** The batches of epoch `epoch` (0-based), in order. */
export function* epochBatches(set: ImageSet, epoch: number, rng: Rng, options: BatchOptions): Generator<ImageBatch> {
  checkOptions(set, epoch, options);
  const epochRng = rng.fork(`epoch-${epoch}`);
  const all = options.indices ? Array.from(options.indices) : Array.from({ length: set.count }, (_, i) => i);
  const order = options.shuffle === false ? all : epochRng.fork('order').shuffle(all);
  const batches = batchCount(order.length, options.batchSize, options.dropLast);
  for (let b = 0; b < batches; b++) {
    const batch = gatherBatch(set, order.slice(b * options.batchSize, (b + 1) * options.batchSize), options.classes);
    yield options.augment ? options.augment(batch, epochRng.fork(`augment-${b}`)) : batch;
  }
}

/** The images at `indices` as one batch with one-hot labels. */
export function gatherBatch(set: ImageSet, indices: readonly number[], classes: number): ImageBatch {
  const size = imageBytes(set);
  const images = new Uint8Array(indices.length * size);
  const labels = new Float32Array(indices.length * classes);
  indices.forEach((i, k) => {
    images.set(set.images.subarray(i * size, (i + 1) * size), k * size);
    labels[k * classes + (set.labels[i] as number)] = 1;
  });
  return { images, count: indices.length, height: set.height, width: set.width, channels: set.channels, labels, classes };
}

function checkOptions(set: ImageSet, epoch: number, options: BatchOptions): void {
  if (!Number.isInteger(options.batchSize) || options.batchSize < 1) {
    throw new InputError(`batch size must be a whole number ≥ 1 (got ${options.batchSize})`);
  }
  if (!Number.isInteger(epoch) || epoch < 0) throw new InputError(`epoch must be a whole number ≥ 0 (got ${epoch})`);
  for (const i of options.indices ? Array.from(options.indices) : []) {
    if (!(Number.isInteger(i) && i >= 0 && i < set.count)) throw new InputError(`image index ${i} is outside the set of ${set.count} images`);
  }
}
