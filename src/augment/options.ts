/**
 * The augmentation flags, shared by every command that feeds images to a network. Values arrive
 * as text and are checked in one place, {@link augmentConfigFromOptions}, which throws
 * `AugmentError` with the messages in `AUGMENT_RULES`.
 */
import type { Command } from 'commander';
import { AugmentError } from '../errors/errors.js';
import type { ImageShape } from './augmentation.js';
import { AUGMENT_RULES, checkAugmentConfig, type AugmentConfig } from './config.js';

/** The flags as commander parses them (text values, unchecked). */
export interface AugmentOptions {
  readonly cropFlip?: boolean;
  readonly cutout?: string;
  readonly mixup?: string;
  readonly cutmix?: string;
  readonly randomErasing?: string;
  readonly autoaugment?: boolean;
  readonly randaugment?: string;
}

/** Adds the augmentation flags to `command` and returns it. */
export function addAugmentOptions(command: Command): Command {
  return command
    .option('--crop-flip', 'random crop with 4 pixels of zero padding + horizontal flip (the CIFAR standard; on by default)')
    .option('--no-crop-flip', 'turn crop + flip off (e.g. for digits, where a mirror image is another symbol)')
    .option('--cutout <size>', 'Cutout: zero a SIZE x SIZE square per image (DeVries & Taylor 2017; 16 for CIFAR-10)')
    .option('--mixup <alpha>', 'Mixup: blend image pairs and their labels, ratio ~ Beta(ALPHA, ALPHA) (Zhang et al. 2018)')
    .option('--cutmix <alpha>', 'CutMix: paste a box from another image, labels by area, ratio ~ Beta(ALPHA, ALPHA) (Yun et al. 2019)')
    .option('--random-erasing <p>', 'Random Erasing: fill a random box with noise in each image with probability P (Zhong et al. 2020)')
    .option('--autoaugment', 'AutoAugment: the published CIFAR-10 policy, 25 sub-policies (Cubuk et al. 2019)')
    .option('--randaugment <n,m>', 'RandAugment: N random ops per image at magnitude M of 10 (Cubuk et al. 2020), e.g. 3,5');
}

/**
 * The checked config the flags describe. `defaults.cropFlip` is what an absent --crop-flip means
 * (callers pass false for datasets where a mirror image changes the class); with `shape`,
 * --cutout is checked against the image side now rather than at the first batch.
 */
export function augmentConfigFromOptions(
  options: AugmentOptions,
  defaults: { readonly cropFlip: boolean } = { cropFlip: true },
  shape?: Pick<ImageShape, 'height' | 'width'>,
): AugmentConfig {
  const config: AugmentConfig = {
    cropFlip: options.cropFlip ?? defaults.cropFlip,
    ...(options.cutout !== undefined && { cutout: parse(options.cutout, AUGMENT_RULES.cutout, /^\d+$/) }),
    ...(options.mixup !== undefined && { mixup: parse(options.mixup, AUGMENT_RULES.mixup, DECIMAL) }),
    ...(options.cutmix !== undefined && { cutmix: parse(options.cutmix, AUGMENT_RULES.cutmix, DECIMAL) }),
    ...(options.randomErasing !== undefined && { randomErasing: parse(options.randomErasing, AUGMENT_RULES.randomErasing, DECIMAL) }),
    ...(options.autoaugment && { autoAugment: true }),
    ...(options.randaugment !== undefined && { randAugment: parseRandAugment(options.randaugment) }),
  };
  return checkAugmentConfig(config, shape);
}

const DECIMAL = /^(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

/** The number `text` spells, or an AugmentError quoting it when it is not of the form `pattern`. */
function parse(text: string, rule: string, pattern: RegExp): number {
  const trimmed = text.trim();
  // 1e309 spells a number but reads as Infinity: quote the text typed, not what it became.
  if (!pattern.test(trimmed) || !Number.isFinite(Number(trimmed))) throw new AugmentError(`${rule} (got "${text}")`);
  return Number(trimmed);
}

function parseRandAugment(text: string): { ops: number; magnitude: number } {
  const match = /^\s*(\d+)\s*,\s*(\d+)\s*$/.exec(text);
  if (!match) throw new AugmentError(`${AUGMENT_RULES.randAugment} (got "${text}")`);
  return { ops: Number(match[1]), magnitude: Number(match[2]) };
}
