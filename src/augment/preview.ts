/**
 * A contact sheet of what an augmentation pipeline does: one row per image, the original first,
 * then `versions` augmented copies, each cell scaled up so small images can be seen. The images
 * are synthetic (a colour gradient with a disc and a bar, seeded), so a preview needs no dataset.
 */
import type { ImageBatch } from '../data/batch.js';
import type { Rng } from '../random/rng.js';
import type { Augmentation, ImageShape } from './augmentation.js';

export interface PreviewOptions {
  readonly images: number;
  readonly versions: number;
  /** Each image pixel becomes scale x scale sheet pixels. */
  readonly scale: number;
  readonly shape: ImageShape;
}

/** A sheet: `height * width * channels` bytes. */
export interface Sheet extends ImageShape {
  readonly pixels: Uint8Array;
}

/** Draws the preview sheet; version v augments the whole batch with `rng.fork('version-v')`. */
export function previewSheet(augment: Augmentation, options: PreviewOptions, rng: Rng): Sheet {
  const { images, versions, scale, shape } = options;
  const batch = syntheticBatch(images, shape, rng.fork('images'));
  const columns = [batch, ...Array.from({ length: versions }, (_, v) => augment(batch, rng.fork(`version-${v}`)))];
  const gap = scale;
  const [cellHeight, cellWidth] = [shape.height * scale + gap, shape.width * scale + gap];
  const sheet = { height: images * cellHeight + gap, width: columns.length * cellWidth + gap, channels: shape.channels };
  const pixels = new Uint8Array(sheet.height * sheet.width * sheet.channels).fill(255);
  columns.forEach((column, col) => {
    for (let i = 0; i < images; i++) drawCell(pixels, sheet, column, i, gap + i * cellHeight, gap + col * cellWidth, scale);
  });
  return { ...sheet, pixels };
}

function drawCell(pixels: Uint8Array, sheet: ImageShape, batch: ImageBatch, index: number, top: number, left: number, scale: number): void {
  const { height, width, channels } = batch;
  const image = batch.images.subarray(index * height * width * channels, (index + 1) * height * width * channels);
  for (let y = 0; y < height * scale; y++) {
    for (let x = 0; x < width * scale; x++) {
      const from = (Math.floor(y / scale) * width + Math.floor(x / scale)) * channels;
      pixels.set(image.subarray(from, from + channels), ((top + y) * sheet.width + left + x) * channels);
    }
  }
}

/** `count` images of `shape`: a diagonal gradient, a disc and a horizontal bar, in random colours. */
export function syntheticBatch(count: number, shape: ImageShape, rng: Rng): ImageBatch {
  const { height, width, channels } = shape;
  const images = new Uint8Array(count * height * width * channels);
  const colour = () => Array.from({ length: channels }, () => rng.int(256));
  for (let i = 0; i < count; i++) {
    const [from, to, disc, bar] = [colour(), colour(), colour(), colour()];
    const [cy, cx, r] = [rng.float() * height, rng.float() * width, (0.15 + 0.2 * rng.float()) * Math.min(height, width)];
    const [barTop, barHeight] = [rng.int(height), Math.max(1, Math.round(height / 8))];
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const t = (x + y) / Math.max(1, height + width - 2);
        const inDisc = (y + 0.5 - cy) ** 2 + (x + 0.5 - cx) ** 2 <= r * r;
        const inBar = y >= barTop && y < barTop + barHeight && x < width / 2;
        for (let c = 0; c < channels; c++) {
          const value = inDisc ? disc[c]! : inBar ? bar[c]! : from[c]! + t * (to[c]! - from[c]!);
          images[((i * height + y) * width + x) * channels + c] = Math.round(value);
        }
      }
    }
  }
  const labels = new Float32Array(count).fill(1);
  return { images, count, height, width, channels, labels, classes: 1 };
}
