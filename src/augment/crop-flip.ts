/**
 * Random crop with zero padding, then a random horizontal flip: the standard CIFAR augmentation
 * (He et al. 2016, "Deep Residual Learning for Image Recognition", section 4.2: pad 4 pixels on
 * each side, take a random 32x32 crop, flip half the images).
 *
 * The padded image is never built: a crop at offset (dy, dx) in [-padding, padding] reads source
 * pixel (y + dy, x + dx) and writes zero where that falls outside the image.
 */
import type { Rng } from '../random/rng.js';
import { mapImages, type Augmentation, type ImageShape } from './augmentation.js';

export interface CropFlipOptions {
  /** Zero pixels added on each side before cropping back to the original size; 0 turns the crop off. */
  readonly padding: number;
  /** Whether to mirror half the images left to right. */
  readonly flip: boolean;
}

/** The CIFAR standard: padding 4, flip on. */
export const CIFAR_CROP_FLIP: CropFlipOptions = { padding: 4, flip: true };

/** Crops and flips each image independently: offsets uniform in [-padding, padding], flip with chance 1/2. */
export function cropFlip(options: CropFlipOptions = CIFAR_CROP_FLIP): Augmentation {
  const { padding, flip } = options;
  if (!Number.isInteger(padding) || padding < 0) throw new RangeError(`crop padding must be a whole number ≥ 0 (got ${padding})`);
  return (batch, rng: Rng) =>
    mapImages(batch, (src, dst, shape) => {
      const dy = rng.int(2 * padding + 1) - padding;
      const dx = rng.int(2 * padding + 1) - padding;
      cropFlipImage(src, dst, shape, dy, dx, flip && rng.bool(0.5));
    });
}

/**
 * Writes the crop of `src` at offset (dy, dx), mirrored left to right when `mirror`, into `dst`:
 * `dst[y][x] = src[y + dy][(mirror ? width - 1 - x : x) + dx]`, or 0 outside the source.
 */
export function cropFlipImage(src: Uint8Array, dst: Uint8Array, shape: ImageShape, dy: number, dx: number, mirror: boolean): void {
  const { height, width, channels } = shape;
  const rowBytes = width * channels;
  for (let y = 0; y < height; y++) {
    const outRow = y * rowBytes;
    const sy = y + dy;
    if (sy < 0 || sy >= height) {
      dst.fill(0, outRow, outRow + rowBytes);
      continue;
    }
    const inRow = sy * rowBytes;
    for (let x = 0; x < width; x++) {
      const sx = (mirror ? width - 1 - x : x) + dx;
      const out = outRow + x * channels;
      if (sx < 0 || sx >= width) {
        for (let k = 0; k < channels; k++) dst[out + k] = 0;
      } else {
        const from = inRow + sx * channels;
        for (let k = 0; k < channels; k++) dst[out + k] = src[from + k]!;
      }
    }
  }
}
