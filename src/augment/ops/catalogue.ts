/**
 * The named image ops of AutoAugment (Cubuk et al. 2019) and RandAugment (Cubuk et al. 2020), and
 * how an op's magnitude becomes its parameter. Both papers rate each op's strength on a linear
 * scale; here a strength `s` in [−1, 1] (the fraction of the op's range, with a random sign for
 * the ops that have a direction) maps to the ranges of the AutoAugment paper's Table 1, as the
 * widely used reference implementations (torchvision, DeepVoltaire/AutoAugment) read them:
 *
 * | op | parameter at strength s |
 * | --- | --- |
 * | ShearX, ShearY | shear 0.3 s |
 * | TranslateX, TranslateY | shift of (150/331) s of the image side, truncated to whole pixels |
 * | Rotate | 30 s degrees |
 * | Brightness, Color, Contrast, Sharpness | factor 1 + 0.9 s (0.1 to 1.9) |
 * | Posterize | keep round(8 − 4 s) bits (8 to 4) |
 * | Solarize | invert values ≥ 256 − 256 s |
 * | AutoContrast, Equalize, Invert, Identity | no parameter |
 */
import type { ImageShape } from '../augmentation.js';
import { brightness, color, contrast, sharpness } from './enhance.js';
import { rotate, shearX, shearY, translateX, translateY } from './geometric.js';
import { autoContrast, equalize, invert, posterize, solarize } from './pixel.js';

export const OP_NAMES = [
  'Identity', 'ShearX', 'ShearY', 'TranslateX', 'TranslateY', 'Rotate', 'AutoContrast', 'Invert', 'Equalize',
  'Solarize', 'Posterize', 'Contrast', 'Color', 'Brightness', 'Sharpness',
] as const;

export type OpName = (typeof OP_NAMES)[number];

/** Applies op `name` at strength `s` to one image, reading `src` and writing `dst` (different buffers). */
export type StrengthOp = (src: Uint8Array, dst: Uint8Array, shape: ImageShape, s: number) => void;

/** Ops whose direction is drawn at random (a fair coin) each time they apply. */
export const SIGNED_OPS: ReadonlySet<OpName> = new Set<OpName>([
  'ShearX', 'ShearY', 'TranslateX', 'TranslateY', 'Rotate', 'Contrast', 'Color', 'Brightness', 'Sharpness',
]);

const TRANSLATE_RANGE = 150 / 331;

export const OPS: Readonly<Record<OpName, StrengthOp>> = {
  Identity: (src, dst) => dst.set(src),
  ShearX: (src, dst, shape, s) => shearX(src, dst, shape, 0.3 * s),
  ShearY: (src, dst, shape, s) => shearY(src, dst, shape, 0.3 * s),
  TranslateX: (src, dst, shape, s) => translateX(src, dst, shape, Math.trunc(TRANSLATE_RANGE * shape.width * s)),
  TranslateY: (src, dst, shape, s) => translateY(src, dst, shape, Math.trunc(TRANSLATE_RANGE * shape.height * s)),
  Rotate: (src, dst, shape, s) => rotate(src, dst, shape, 30 * s),
  AutoContrast: (src, dst, shape) => autoContrast(src, dst, shape),
  Invert: (src, dst) => invert(src, dst),
  Equalize: (src, dst, shape) => equalize(src, dst, shape),
  Solarize: (src, dst, _shape, s) => solarize(src, dst, 256 - 256 * s),
  Posterize: (src, dst, _shape, s) => posterize(src, dst, Math.round(8 - 4 * s)),
  Contrast: (src, dst, shape, s) => contrast(src, dst, shape, 1 + 0.9 * s),
  Color: (src, dst, shape, s) => color(src, dst, shape, 1 + 0.9 * s),
  Brightness: (src, dst, _shape, s) => brightness(src, dst, 1 + 0.9 * s),
  Sharpness: (src, dst, shape, s) => sharpness(src, dst, shape, 1 + 0.9 * s),
};
