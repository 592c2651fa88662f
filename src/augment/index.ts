/** Image augmentations: seeded `(batch, rng) => batch` functions over uint8 NHWC batches. */
export * from './augmentation.js';
export * from './crop-flip.js';
export * from './cutout.js';
export * from './random-erasing.js';
export * from './mixup.js';
export * from './cutmix.js';
export * from './beta.js';
export * from './autoaugment.js';
export * from './randaugment.js';
export * from './config.js';
export * from './options.js';
export { OP_NAMES, OPS, SIGNED_OPS, type OpName, type StrengthOp } from './ops/catalogue.js';
