/**
 * CutMix (Yun et al. 2019, "CutMix: Regularization Strategy to Train Strong Classifiers with
 * Localizable Features"): a box of each image is replaced by the same box of a partner image, and
 * the labels are mixed in proportion to the area. As in the paper's reference code, one
 * λ ~ Beta(α, α) and one box are drawn per batch: the box has sides `sqrt(1 − λ)` times the
 * image's, centred on a uniformly random pixel and clipped at the borders. The label weight is
 * then recomputed from the clipped box, so it equals the fraction of pixels actually pasted.
 */
import type { ImageBatch } from '../data/batch.js';
import type { Rng } from '../random/rng.js';
import type { Augmentation } from './augmentation.js';
import { sampleBeta } from './beta.js';
import type { Box } from './cutout.js';
import { mixLabels, permutation } from './mixup.js';

/** CutMix with λ ~ Beta(alpha, alpha); the paper used α = 1 (λ uniform). */
export function cutmix(alpha: number): Augmentation {
  if (!(alpha > 0) || !Number.isFinite(alpha)) throw new RangeError(`cutmix alpha must be a finite number > 0 (got ${alpha})`);
  return (batch, rng: Rng) => {
    const lambda = sampleBeta(alpha, alpha, rng);
    const box = cutmixBox(batch.height, batch.width, lambda, rng.int(batch.height), rng.int(batch.width));
    return pasteBatch(batch, box, permutation(batch.count, rng));
  };
}

/** The box to paste for ratio `lambda`, centred on pixel (cy, cx) and clipped to the image. */
export function cutmixBox(height: number, width: number, lambda: number, cy: number, cx: number): Box {
  const ratio = Math.sqrt(1 - lambda);
  const halfHeight = Math.floor(Math.floor(height * ratio) / 2);
  const halfWidth = Math.floor(Math.floor(width * ratio) / 2);
  return {
    top: Math.max(0, cy - halfHeight),
    left: Math.max(0, cx - halfWidth),
    bottom: Math.min(height, cy + halfHeight),
    right: Math.min(width, cx + halfWidth),
  };
}

/** Pastes `box` of image `partners[i]` into image i; label weights follow the pasted area. */
export function pasteBatch(batch: ImageBatch, box: Box, partners: readonly number[]): ImageBatch {
  const { height, width, channels } = batch;
  const imageBytes = height * width * channels;
  const images = batch.images.slice();
  const rowBytes = width * channels;
  for (let i = 0; i < batch.count; i++) {
    const other = partners[i]! * imageBytes;
    for (let y = box.top; y < box.bottom; y++) {
      const start = y * rowBytes + box.left * channels;
      const end = y * rowBytes + box.right * channels;
      images.set(batch.images.subarray(other + start, other + end), i * imageBytes + start);
    }
  }
  const pasted = ((box.bottom - box.top) * (box.right - box.left)) / (height * width);
  return { ...batch, images, labels: mixLabels(batch, 1 - pasted, partners) };
}
