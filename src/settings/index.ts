/**
 * Every setting a command or a run config takes, declared once (name, kind, bounds, default,
 * help), with the commander options and the config-file check derived from the declarations.
 * How to add a declared option to a command: see ./commander.ts.
 */
export * from './kinds.js';
export { defaultHelp, flagOf, setting, withDefault, type Setting } from './setting.js';
export { addSettings, settingOptions, type AddSettingsOptions } from './commander.js';
export { checkValues, defaultsOf } from './check.js';
export { BACKEND, RUN_DIR, SEED } from './common.js';
export { DATA_DIR, DATASET, TRAIN_IMAGES, VALIDATION_FRACTION, VALIDATION_IMAGES } from './data.js';
export { EVAL_ATTEMPTS, EVAL_TIMEOUT_SECONDS, EVALUATOR, FINE_TUNE_STEPS, RECALIBRATION_BATCHES, WORKERS } from './evaluation.js';
export * from './search.js';
export * from './supernet.js';
export * from './training.js';
