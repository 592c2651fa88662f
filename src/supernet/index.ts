/**
 * The weight-sharing supernet (Cai et al. 2020's slimmable widths): the `Supernet`, its training
 * loop with the sandwich rule and in-place distillation (Yu et al. 2019), BN recalibration,
 * evaluation, extraction and export. Loads TensorFlow.js.
 *
 * ```ts
 * import { Supernet, train, recalibrateBn, evaluateSubnet } from 'evo-nas/supernet';
 * ```
 */
export { Supernet, type BnStatistics, type ForwardOptions } from './supernet.js';
export { supernetLayout, type SupernetConfig, type TensorRole, type TensorSpec } from './layout.js';
export { train, stepGenomes, type StepReport, type TrainOptions } from './train-loop.js';
export { sandwichStep, type StepOptions } from './sandwich.js';
export { recalibrateBn } from './recalibrate.js';
export { evaluateSubnet, type LabelledBatch, type SubnetMetrics } from './evaluate.js';
export { assessSubnet, type AssessData, type FineTune } from './assess.js';
export { extractSubnet, fixedSpace } from './extract.js';
export { loadLayersModelFrom, saveLayersModelTo, subnetLayersModel } from './export.js';
export { loadSupernet, supernetProgress, type StoredSupernet, type SupernetProgress, type SupernetSettings } from './stored.js';
export { finishedSupernet, trainSupernetPhase, type PhaseIo } from './phase.js';
