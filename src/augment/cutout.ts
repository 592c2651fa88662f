/**
 * Cutout (DeVries & Taylor 2017, "Improved Regularization of Convolutional Neural Networks with
 * Cutout"): zero a `size` x `size` square centred on a uniformly random pixel of each image. The
 * centre may lie near a border, so the square is clipped there and can be smaller than
 * `size` x `size` — the paper found that letting it fall partly outside matters.
 */
import type { Rng } from '../random/rng.js';
import { copyBatch, type Augmentation, type ImageShape } from './augmentation.js';

/** A rectangle of pixels: rows [top, bottom), columns [left, right). */
export interface Box {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

/** Cutout with squares of side `size` (the paper used 16 for CIFAR-10, 8 for CIFAR-100). */
export function cutout(size: number): Augmentation {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`cutout size must be a whole number ≥ 1 (got ${size})`);
  return (batch, rng: Rng) => {
    const out = copyBatch(batch);
    const imageBytes = batch.height * batch.width * batch.channels;
    for (let i = 0; i < batch.count; i++) {
      const box = centredSquare(batch.height, batch.width, size, rng.int(batch.height), rng.int(batch.width));
      fillBox(out.images.subarray(i * imageBytes, (i + 1) * imageBytes), batch, box, 0);
    }
    return out;
  };
}

/** The `size` x `size` square whose centre is pixel (cy, cx), clipped to the image. */
export function centredSquare(height: number, width: number, size: number, cy: number, cx: number): Box {
  const top = cy - Math.floor(size / 2);
  const left = cx - Math.floor(size / 2);
  return {
    top: Math.max(0, top),
    left: Math.max(0, left),
    bottom: Math.min(height, top + size),
    right: Math.min(width, left + size),
  };
}

/** Sets every channel of every pixel in `box` of one image to `value`, in place. */
export function fillBox(image: Uint8Array, shape: ImageShape, box: Box, value: number): void {
  const rowBytes = shape.width * shape.channels;
  for (let y = box.top; y < box.bottom; y++) {
    image.fill(value, y * rowBytes + box.left * shape.channels, y * rowBytes + box.right * shape.channels);
  }
}
