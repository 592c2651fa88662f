/**
 * Random Erasing (Zhong et al. 2020, "Random Erasing Data Augmentation", AAAI): with probability
 * `probability`, each image gets one rectangle filled with random pixel values. The rectangle's
 * area is a uniform fraction in [minArea, maxArea] of the image and its aspect ratio (height /
 * width) is uniform in [minAspect, 1 / minAspect]; a draw that does not fit inside the image is
 * retried, up to `MAX_ATTEMPTS` times (the reference code's bound), after which the image stays
 * as it was. Random values ("RE-R") were the paper's best fill on CIFAR.
 */
import type { Rng } from '../random/rng.js';
import { copyBatch, type Augmentation, type ImageShape } from './augmentation.js';
import type { Box } from './cutout.js';

export interface RandomErasingOptions {
  /** Chance that an image is erased at all. */
  readonly probability: number;
  /** Smallest and largest erased fraction of the image (the paper: 0.02 and 0.4). */
  readonly minArea: number;
  readonly maxArea: number;
  /** Smallest aspect ratio; the largest is its inverse (the paper: 0.3). */
  readonly minAspect: number;
}

/** The paper's settings: area 2%–40%, aspect 0.3–3.33. */
export const PAPER_RANDOM_ERASING: Omit<RandomErasingOptions, 'probability'> = { minArea: 0.02, maxArea: 0.4, minAspect: 0.3 };

const MAX_ATTEMPTS = 100;

export function randomErasing(options: Partial<RandomErasingOptions> & Pick<RandomErasingOptions, 'probability'>): Augmentation {
  const settings = { ...PAPER_RANDOM_ERASING, ...options };
  const { probability, minArea, maxArea, minAspect } = settings;
  if (!(probability >= 0 && probability <= 1)) throw new RangeError(`random erasing probability must be from 0 to 1 (got ${probability})`);
  if (!(minArea > 0 && minArea <= maxArea && maxArea <= 1)) throw new RangeError(`random erasing needs 0 < minArea ≤ maxArea ≤ 1 (got ${minArea}, ${maxArea})`);
  if (!(minAspect > 0 && minAspect <= 1)) throw new RangeError(`random erasing minAspect must be in (0, 1] (got ${minAspect})`);
  return (batch, rng) => {
    const out = copyBatch(batch);
    const imageBytes = batch.height * batch.width * batch.channels;
    for (let i = 0; i < batch.count; i++) {
      if (!rng.bool(probability)) continue;
      const box = erasingBox(batch.height, batch.width, settings, rng);
      if (box) fillRandom(out.images.subarray(i * imageBytes, (i + 1) * imageBytes), batch, box, rng);
    }
    return out;
  };
}

/** A rectangle drawn as the paper describes, or undefined when no draw fitted. */
export function erasingBox(height: number, width: number, options: Omit<RandomErasingOptions, 'probability'>, rng: Rng): Box | undefined {
  const { minArea, maxArea, minAspect } = options;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const area = height * width * (minArea + (maxArea - minArea) * rng.float());
    const aspect = minAspect + (1 / minAspect - minAspect) * rng.float();
    const boxHeight = Math.round(Math.sqrt(area * aspect));
    const boxWidth = Math.round(Math.sqrt(area / aspect));
    if (boxHeight < 1 || boxWidth < 1 || boxHeight >= height || boxWidth >= width) continue;
    const top = rng.int(height - boxHeight + 1);
    const left = rng.int(width - boxWidth + 1);
    return { top, left, bottom: top + boxHeight, right: left + boxWidth };
  }
  return undefined;
}

/** Fills `box` of one image with uniform random bytes, four bytes per 32-bit draw. */
function fillRandom(image: Uint8Array, shape: ImageShape, box: Box, rng: Rng): void {
  const rowBytes = shape.width * shape.channels;
  let bits = 0;
  let left = 0;
  for (let y = box.top; y < box.bottom; y++) {
    for (let k = y * rowBytes + box.left * shape.channels; k < y * rowBytes + box.right * shape.channels; k++) {
      if (left === 0) [bits, left] = [rng.seed32(), 4];
      image[k] = bits & 0xff;
      bits >>>= 8;
      left--;
    }
  }
}
