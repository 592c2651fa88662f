/**
 * `evo-nas predict`'s choices, apart from the command: the command line declares its options
 * with them, and importing the command itself would load TensorFlow.js into every `--help`.
 */
export type PredictMetric = 'accuracy' | 'loss';
export const PREDICT_METRICS: readonly PredictMetric[] = ['accuracy', 'loss'];
export type PredictFormat = 'submission' | 'table';
export const PREDICT_FORMATS: readonly PredictFormat[] = ['submission', 'table'];
