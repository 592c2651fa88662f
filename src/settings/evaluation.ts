/** Settings of how a run evaluates genomes: the evaluator, its workers and their limits. */
import { orNull, text, wholeNumber } from './kinds.js';
import { setting } from './setting.js';

export const EVALUATOR = setting({
  key: 'evaluator',
  kind: orNull(text),
  placeholder: '<kind>',
  help: 'how genomes are evaluated: supernet (train a supernet on --dataset, inherit its weights) or table:FILE (a Channel-Bench-Macro-format table)',
  default: null,
  defaultText: 'supernet',
});
export const QUEUE = setting({
  key: 'queue',
  kind: orNull(text),
  placeholder: '<url>',
  help: 'evaluate on evo-nas workers through this Redis (redis://[:PASSWORD@]HOST[:PORT][/DB]); with --workers N this host evaluates too; not stored, so pass it again to resume',
  default: null,
  defaultText: 'none: evaluate on this host',
});
export const WORKERS = setting({
  key: 'workers',
  kind: wholeNumber(0, 256),
  placeholder: '<n>',
  help: 'worker threads that train the supernet (data parallel) and evaluate candidates; 0 does both in the main thread',
  defaultText: 'the core count',
});
export const EVAL_TIMEOUT_SECONDS = setting({ key: 'evalTimeoutSeconds', kind: wholeNumber(1), placeholder: '<s>', help: 'seconds one evaluation attempt may run before its worker is replaced', default: 600 });
export const EVAL_ATTEMPTS = setting({ key: 'evalAttempts', kind: wholeNumber(1, 100), placeholder: '<n>', help: 'tries per evaluation before it is recorded as failed', default: 3 });
export const RECALIBRATION_BATCHES = setting({ key: 'recalibrationBatches', kind: wholeNumber(1), placeholder: '<n>', help: "supernet evaluator: training batches to recalibrate each candidate's BN", default: 2 });
export const FINE_TUNE_STEPS = setting({ key: 'fineTuneSteps', kind: wholeNumber(0), placeholder: '<n>', help: "supernet evaluator: steps of fine-tuning a candidate's copy before measuring", default: 0 });
