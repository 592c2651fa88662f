/**
 * An augmentation pipeline described as data (so a run can store it with its seed), checked once
 * with the exact messages the CLI shows, and built into one {@link Augmentation}.
 *
 * The stages run in the order of the AutoAugment paper's CIFAR recipe: the policy (AutoAugment
 * or RandAugment) first, then crop + flip, then the occluders (Cutout, Random Erasing), and last
 * the batch mixers (Mixup, CutMix), which blend images and labels across the batch.
 */
import type { ImageShape } from './augmentation.js';
import { AugmentError } from '../errors/errors.js';
import { compose, type Augmentation } from './augmentation.js';
import { autoAugment } from './autoaugment.js';
import { cropFlip, CIFAR_CROP_FLIP } from './crop-flip.js';
import { cutmix } from './cutmix.js';
import { cutout } from './cutout.js';
import { mixup } from './mixup.js';
import { randAugment, RANDAUGMENT_OPS, MAX_RANDAUGMENT_MAGNITUDE } from './randaugment.js';
import { randomErasing } from './random-erasing.js';

export interface AugmentConfig {
  /** Random crop with 4 pixels of zero padding, then a random horizontal flip. */
  readonly cropFlip: boolean;
  /** Cutout square side in pixels. */
  readonly cutout?: number;
  /** Mixup's α. With `cutmix` too, each batch takes one of the two, chosen by a fair coin. */
  readonly mixup?: number;
  /** CutMix's α. */
  readonly cutmix?: number;
  /** Random Erasing's per-image probability. */
  readonly randomErasing?: number;
  /** The published CIFAR-10 AutoAugment policy. */
  readonly autoAugment?: boolean;
  /** RandAugment's N (ops per image) and M (magnitude, 0..10). */
  readonly randAugment?: { readonly ops: number; readonly magnitude: number };
}

/** The CIFAR standard alone: crop + flip. */
export const DEFAULT_AUGMENT_CONFIG: AugmentConfig = { cropFlip: true };

/** Nothing: batches pass through unchanged. */
export const NO_AUGMENTATION: AugmentConfig = { cropFlip: false };

/** What each setting allows, worded as the CLI flag; errors add what was given. */
export const AUGMENT_RULES = {
  cutout: '--cutout must be a whole number from 1 to the image side',
  mixup: '--mixup must be a number > 0, the α of Beta(α, α) (e.g. 0.2 or 1)',
  cutmix: '--cutmix must be a number > 0, the α of Beta(α, α) (e.g. 1)',
  randomErasing: '--random-erasing must be a probability from 0 to 1',
  randAugment: `--randaugment must be N,M: N ops per image, a whole number from 1 to ${RANDAUGMENT_OPS.length}, and magnitude M, a whole number from 0 to ${MAX_RANDAUGMENT_MAGNITUDE} (e.g. 3,5)`,
  onePolicy: '--autoaugment and --randaugment are two policies for the same step; choose one',
} as const;

/**
 * Checks every setting and returns `config`; throws {@link AugmentError} naming the first bad one.
 * With `shape`, Cutout's side is also checked against the images' smaller side.
 */
export function checkAugmentConfig(config: AugmentConfig, shape?: Pick<ImageShape, 'height' | 'width'>): AugmentConfig {
  const fail = (rule: string, got: unknown) => {
    // JSON writes Infinity and NaN as null: a number is shown as a number.
    throw new AugmentError(`${rule} (got ${typeof got === 'number' ? String(got) : JSON.stringify(got)})`);
  };
  const { cutout: size, mixup: mixupAlpha, cutmix: cutmixAlpha, randomErasing: erasing, randAugment: rand } = config;
  if (size !== undefined) {
    if (!Number.isInteger(size) || size < 1) fail(AUGMENT_RULES.cutout, size);
    if (shape && size > Math.min(shape.height, shape.width)) {
      throw new AugmentError(`${AUGMENT_RULES.cutout} (got ${size}; the images are ${shape.height}x${shape.width})`);
    }
  }
  if (mixupAlpha !== undefined && !(mixupAlpha > 0 && Number.isFinite(mixupAlpha))) fail(AUGMENT_RULES.mixup, mixupAlpha);
  if (cutmixAlpha !== undefined && !(cutmixAlpha > 0 && Number.isFinite(cutmixAlpha))) fail(AUGMENT_RULES.cutmix, cutmixAlpha);
  if (erasing !== undefined && !(erasing >= 0 && erasing <= 1)) fail(AUGMENT_RULES.randomErasing, erasing);
  if (rand !== undefined) {
    const { ops, magnitude } = rand;
    const opsOk = Number.isInteger(ops) && ops >= 1 && ops <= RANDAUGMENT_OPS.length;
    const magnitudeOk = Number.isInteger(magnitude) && magnitude >= 0 && magnitude <= MAX_RANDAUGMENT_MAGNITUDE;
    if (!opsOk || !magnitudeOk) fail(AUGMENT_RULES.randAugment, `${ops},${magnitude}`);
    if (config.autoAugment) throw new AugmentError(AUGMENT_RULES.onePolicy);
  }
  return config;
}

/**
 * The pipeline `config` describes, as one augmentation. `shape`, when known, lets bad settings
 * fail here rather than at the first batch; the pipeline also checks each batch's shape.
 */
export function buildAugmentation(config: AugmentConfig, shape?: Pick<ImageShape, 'height' | 'width'>): Augmentation {
  checkAugmentConfig(config, shape);
  const stages: Augmentation[] = [];
  if (config.autoAugment) stages.push(autoAugment());
  if (config.randAugment) stages.push(randAugment(config.randAugment));
  if (config.cropFlip) stages.push(cropFlip(CIFAR_CROP_FLIP));
  if (config.cutout !== undefined) stages.push(cutout(config.cutout));
  if (config.randomErasing) stages.push(randomErasing({ probability: config.randomErasing }));
  const mixers = [config.mixup && mixup(config.mixup), config.cutmix && cutmix(config.cutmix)].filter((m) => !!m);
  if (mixers.length === 2) stages.push((batch, rng) => (rng.bool(0.5) ? mixers[0]! : mixers[1]!)(batch, rng));
  else if (mixers.length === 1) stages.push(mixers[0]!);
  const pipeline = compose(...stages);
  if (config.cutout === undefined) return pipeline;
  return (batch, rng) => {
    checkAugmentConfig(config, batch);
    return pipeline(batch, rng);
  };
}

/** A short human description, e.g. "AutoAugment (CIFAR-10), crop+flip, Cutout 16". */
export function describeAugmentation(config: AugmentConfig): string {
  const parts = [
    config.autoAugment && 'AutoAugment (CIFAR-10)',
    config.randAugment && `RandAugment N=${config.randAugment.ops} M=${config.randAugment.magnitude}`,
    config.cropFlip && 'crop+flip',
    config.cutout !== undefined && `Cutout ${config.cutout}`,
    config.randomErasing && `Random Erasing p=${config.randomErasing}`,
    config.mixup && `Mixup α=${config.mixup}`,
    config.cutmix && `CutMix α=${config.cutmix}`,
  ].filter((part) => !!part);
  return parts.length === 0 ? 'none' : parts.join(', ');
}
