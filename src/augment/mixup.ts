/**
 * Mixup (Zhang et al. 2018, "mixup: Beyond Empirical Risk Minimization"): each image is blended
 * with a partner from the same batch, `λ x_i + (1 − λ) x_j`, and so are the labels, giving soft
 * labels. As in the paper's reference code, one λ ~ Beta(α, α) is drawn per batch and partners
 * come from a random permutation of the batch. Pixels are rounded back to uint8.
 */
import type { ImageBatch } from '../data/batch.js';
import type { Rng } from '../random/rng.js';
import type { Augmentation } from './augmentation.js';
import { sampleBeta } from './beta.js';

/** Mixup with mixing ratio λ ~ Beta(alpha, alpha); the paper used α from 0.1 to 0.4 for ImageNet, 1 for CIFAR-10. */
export function mixup(alpha: number): Augmentation {
  if (!(alpha > 0) || !Number.isFinite(alpha)) throw new RangeError(`mixup alpha must be a finite number > 0 (got ${alpha})`);
  return (batch, rng: Rng) => {
    const lambda = sampleBeta(alpha, alpha, rng);
    return mixBatch(batch, lambda, permutation(batch.count, rng));
  };
}

/** Image i becomes `lambda * image[i] + (1 - lambda) * image[partners[i]]`, labels likewise. */
export function mixBatch(batch: ImageBatch, lambda: number, partners: readonly number[]): ImageBatch {
  const imageBytes = batch.height * batch.width * batch.channels;
  const images = new Uint8Array(batch.images.length);
  const source = batch.images;
  for (let i = 0; i < batch.count; i++) {
    const own = i * imageBytes;
    const other = partners[i]! * imageBytes;
    for (let k = 0; k < imageBytes; k++) {
      // Both weights are in [0, 1] and sum to 1, so the blend stays in [0, 255]: no clamp needed.
      images[own + k] = Math.round(lambda * source[own + k]! + (1 - lambda) * source[other + k]!);
    }
  }
  return { ...batch, images, labels: mixLabels(batch, lambda, partners) };
}

/** Label row i becomes `weight * row[i] + (1 - weight) * row[partners[i]]`; rows still sum to 1. */
export function mixLabels(batch: ImageBatch, weight: number, partners: readonly number[]): Float32Array {
  const { classes } = batch;
  const labels = new Float32Array(batch.labels.length);
  for (let i = 0; i < batch.count; i++) {
    const other = partners[i]! * classes;
    for (let k = 0; k < classes; k++) {
      labels[i * classes + k] = weight * batch.labels[i * classes + k]! + (1 - weight) * batch.labels[other + k]!;
    }
  }
  return labels;
}

/** 0..count-1 in random order: who each image is mixed with. */
export function permutation(count: number, rng: Rng): number[] {
  return rng.shuffle(Array.from({ length: count }, (_, i) => i));
}
