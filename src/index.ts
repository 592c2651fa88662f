/**
 * The `evo-nas` package's main entry: the seeded generator, the augmentations, the TensorFlow.js
 * backends and batch norm, and the optimiser with its schedules. Loads TensorFlow.js; the
 * tensor-free concepts have their own entries (`evo-nas/space`, `evo-nas/search`,
 * `evo-nas/populations`, `evo-nas/store`, `evo-nas/data`), as do `evo-nas/supernet` and
 * `evo-nas/zoo`.
 *
 * ```ts
 * import { Rng } from 'evo-nas';
 * const rng = Rng.fromSeed(42).fork('search');
 * ```
 */
export { MAX_SEED, Rng } from './random/rng.js';
export * from './augment/index.js';
export { BACKEND_CHOICES, BACKENDS, defaultBackendChoice, initBackend, parseBackendChoice, type Backend, type BackendChoice, type BackendInfo } from './nn/backend.js';
export * from './nn/batch-norm.js';
export { Sgd, type SgdOptions } from './train/sgd.js';
export { cosineWithWarmup, stepDecay, type CosineOptions, type Schedule, type StepDecayOptions } from './train/schedule.js';
export * from './errors/errors.js';
