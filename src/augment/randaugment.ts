/**
 * RandAugment (Cubuk et al. 2020, "RandAugment: Practical Automated Data Augmentation with a
 * Reduced Search Space", CVPR Workshops): for every image, `ops` transformations are drawn
 * uniformly (with replacement) from the paper's 14 and all applied, each at the one shared
 * `magnitude` on the paper's 0–10 scale (strength magnitude / 10 of the op's range, see
 * `ops/catalogue.ts`), with a random direction for signed ops. The paper's CIFAR-10 settings
 * were N = 3 with M from 4 to 9 depending on the network.
 */
import type { Rng } from '../random/rng.js';
import { mapImages, type Augmentation } from './augmentation.js';
import { OPS, SIGNED_OPS, type OpName } from './ops/catalogue.js';

/** The paper's 14 transformations (Identity included; Invert is not among them). */
export const RANDAUGMENT_OPS: readonly OpName[] = [
  'Identity', 'AutoContrast', 'Equalize', 'Rotate', 'Solarize', 'Color', 'Posterize',
  'Contrast', 'Brightness', 'Sharpness', 'ShearX', 'ShearY', 'TranslateX', 'TranslateY',
];

/** The top of the magnitude scale: 10 is each op's full range. */
export const MAX_RANDAUGMENT_MAGNITUDE = 10;

export interface RandAugmentOptions {
  /** N: how many ops each image goes through. */
  readonly ops: number;
  /** M: 0..10. */
  readonly magnitude: number;
}

export function randAugment(options: RandAugmentOptions): Augmentation {
  const { ops, magnitude } = options;
  if (!Number.isInteger(ops) || ops < 1) throw new RangeError(`RandAugment N must be a whole number ≥ 1 (got ${ops})`);
  if (!(magnitude >= 0 && magnitude <= MAX_RANDAUGMENT_MAGNITUDE)) {
    throw new RangeError(`RandAugment M must be from 0 to ${MAX_RANDAUGMENT_MAGNITUDE} (got ${magnitude})`);
  }
  const strength = magnitude / MAX_RANDAUGMENT_MAGNITUDE;
  return (batch, rng: Rng) => {
    const scratch = new Uint8Array(batch.height * batch.width * batch.channels);
    return mapImages(batch, (src, dst, shape) => {
      dst.set(src);
      for (let n = 0; n < ops; n++) {
        const op = rng.pick(RANDAUGMENT_OPS);
        const sign = SIGNED_OPS.has(op) && rng.bool(0.5) ? -1 : 1;
        OPS[op](dst, scratch, shape, sign * strength);
        dst.set(scratch);
      }
    });
  };
}
