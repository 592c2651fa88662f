/**
 * What an augmentation is, and the bookkeeping every one of them shares: copying a batch,
 * visiting its images one at a time, and chaining augmentations into a pipeline.
 *
 * An augmentation is a function `(batch, rng) => batch`. It returns a new batch that owns its
 * arrays, never writes to its input, and draws all its randomness from the `rng` passed in, so
 * the same seed gives the same batch.
 */
import type { ImageBatch } from '../data/batch.js';
import type { Rng } from '../random/rng.js';

export type Augmentation = (batch: ImageBatch, rng: Rng) => ImageBatch;

/** The size of one image. Image ops see one image at a time as `height * width * channels` bytes. */
export interface ImageShape {
  readonly height: number;
  readonly width: number;
  readonly channels: number;
}

/**
 * An operation on one image: reads `src`, writes every byte of `dst` (both exactly one image,
 * HWC). `src` and `dst` must not overlap unless the op says it works in place.
 */
export type ImageTransform = (src: Uint8Array, dst: Uint8Array, shape: ImageShape) => void;

/** A copy of `batch` whose arrays are its own. */
export function copyBatch(batch: ImageBatch): ImageBatch {
  return { ...batch, images: batch.images.slice(), labels: batch.labels.slice() };
}

/** The shape of one image of `batch`. */
export function shapeOf(batch: ImageBatch): ImageShape {
  return { height: batch.height, width: batch.width, channels: batch.channels };
}

/**
 * A new batch made by writing each image through `transform(src, dst, shape, index)`; labels are
 * copied unchanged. `dst` starts zeroed.
 */
export function mapImages(
  batch: ImageBatch,
  transform: (src: Uint8Array, dst: Uint8Array, shape: ImageShape, index: number) => void,
): ImageBatch {
  const shape = shapeOf(batch);
  const size = shape.height * shape.width * shape.channels;
  const images = new Uint8Array(batch.images.length);
  for (let i = 0; i < batch.count; i++) {
    const start = i * size;
    transform(batch.images.subarray(start, start + size), images.subarray(start, start + size), shape, i);
  }
  return { ...batch, images, labels: batch.labels.slice() };
}

/**
 * One augmentation that runs `stages` in order. Each stage draws from the same `rng` in turn
 * (not from forks: a caller may pass one generator for every batch, and forks of it with a fixed
 * label would repeat the same numbers batch after batch). With no stages it copies the batch.
 */
export function compose(...stages: readonly Augmentation[]): Augmentation {
  if (stages.length === 0) return (batch) => copyBatch(batch);
  if (stages.length === 1) return stages[0] as Augmentation;
  return (batch, rng) => stages.reduce((current, stage) => stage(current, rng), batch);
}
