/**
 * AutoAugment with the policy Cubuk et al. (2019, "AutoAugment: Learning Augmentation Strategies
 * from Data", CVPR) found on reduced CIFAR-10 and published in the paper's appendix: 25
 * sub-policies of two ops each. For every image one sub-policy is picked uniformly; each of its
 * ops then applies with its probability, at its magnitude on the paper's 0–9 scale (strength
 * m / 9 of the op's range, see `ops/catalogue.ts`), with a random direction for signed ops.
 * The paper's CIFAR-10 recipe runs the standard crop + flip and Cutout 16 after the policy.
 */
import type { Rng } from '../random/rng.js';
import { mapImages, type Augmentation } from './augmentation.js';
import { OPS, SIGNED_OPS, type OpName } from './ops/catalogue.js';

/** One op of a sub-policy. The magnitude of AutoContrast, Equalize and Invert is listed but unused. */
export interface PolicyOp {
  readonly op: OpName;
  readonly probability: number;
  /** 0..9 on the paper's scale. */
  readonly magnitude: number;
}

export type SubPolicy = readonly [PolicyOp, PolicyOp];

/** Magnitudes run over ten levels, 0 to 9. */
export const MAX_POLICY_MAGNITUDE = 9;

const sub = (op1: OpName, p1: number, m1: number, op2: OpName, p2: number, m2: number): SubPolicy => [
  { op: op1, probability: p1, magnitude: m1 },
  { op: op2, probability: p2, magnitude: m2 },
];

/** The published CIFAR-10 policy, in the paper's order. */
export const CIFAR10_POLICY: readonly SubPolicy[] = [
  sub('Invert', 0.1, 7, 'Contrast', 0.2, 6),
  sub('Rotate', 0.7, 2, 'TranslateX', 0.3, 9),
  sub('Sharpness', 0.8, 1, 'Sharpness', 0.9, 3),
  sub('ShearY', 0.5, 8, 'TranslateY', 0.7, 9),
  sub('AutoContrast', 0.5, 8, 'Equalize', 0.9, 2),
  sub('ShearY', 0.2, 7, 'Posterize', 0.3, 7),
  sub('Color', 0.4, 3, 'Brightness', 0.6, 7),
  sub('Sharpness', 0.3, 9, 'Brightness', 0.7, 9),
  sub('Equalize', 0.6, 5, 'Equalize', 0.5, 1),
  sub('Contrast', 0.6, 7, 'Sharpness', 0.6, 5),
  sub('Color', 0.7, 7, 'TranslateX', 0.5, 8),
  sub('Equalize', 0.3, 7, 'AutoContrast', 0.4, 8),
  sub('TranslateY', 0.4, 3, 'Sharpness', 0.2, 6),
  sub('Brightness', 0.9, 6, 'Color', 0.2, 8),
  sub('Solarize', 0.5, 2, 'Invert', 0.0, 3),
  sub('Equalize', 0.2, 0, 'AutoContrast', 0.6, 0),
  sub('Equalize', 0.2, 8, 'Equalize', 0.6, 4),
  sub('Color', 0.9, 9, 'Equalize', 0.6, 6),
  sub('AutoContrast', 0.8, 4, 'Solarize', 0.2, 8),
  sub('Brightness', 0.1, 3, 'Color', 0.7, 0),
  sub('Solarize', 0.4, 5, 'AutoContrast', 0.9, 3),
  sub('TranslateY', 0.9, 9, 'TranslateY', 0.7, 9),
  sub('AutoContrast', 0.9, 2, 'Solarize', 0.8, 3),
  sub('Equalize', 0.8, 8, 'Invert', 0.1, 3),
  sub('TranslateY', 0.7, 9, 'AutoContrast', 0.9, 1),
];

/** AutoAugment with `policy` (by default the published CIFAR-10 one). */
export function autoAugment(policy: readonly SubPolicy[] = CIFAR10_POLICY): Augmentation {
  if (policy.length === 0) throw new RangeError('an AutoAugment policy needs at least one sub-policy');
  return (batch, rng: Rng) => {
    const scratch = new Uint8Array(batch.height * batch.width * batch.channels);
    return mapImages(batch, (src, dst, shape) => {
      dst.set(src);
      for (const { op, probability, magnitude } of rng.pick(policy)) {
        if (!rng.bool(probability)) continue;
        const sign = SIGNED_OPS.has(op) && rng.bool(0.5) ? -1 : 1;
        OPS[op](dst, scratch, shape, (sign * magnitude) / MAX_POLICY_MAGNITUDE);
        dst.set(scratch);
      }
    });
  };
}
