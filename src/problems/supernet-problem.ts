/**
 * The supernet problem, the default of `evo-nas run`: train the weight-sharing supernet on
 * `--dataset` when the store has none (or finish its training), then evaluate each candidate with
 * inherited weights in the evaluator pool through the `supernet` handler, which opens the run's
 * store read-only. Candidates are priced by the exact cost model at the dataset's input shape.
 */
import type { SupernetEvalSpec } from '../../evaluators/handlers/supernet.js';
import { initBackend, parseBackendChoice, trainingBackendWarning } from '../nn/backend.js';
import type { Problem } from '../search/problem.js';
import { DEFAULT_SPACE_NAME, genomeCost, getSpace } from '../space/index.js';
import type { Store } from '../store/store.js';
import type { RunConfig } from '../run/config.js';
import { getDatasetSpec } from '../data/load.js';
import { checkBudgetReachable } from '../run/strategy.js';
import { evaluatorFor } from './evaluator-for.js';
import { publishingHooks, supernetHandler } from './supernet-queue.js';
import { checkValidationImages } from './validation-images.js';
import { evaluatorProblem } from './evaluator-problem.js';
import { finishedSupernet, trainSupernetPhase } from '../supernet/phase.js';
import { supernetProgress, type SupernetProgress, type SupernetSettings } from '../supernet/stored.js';
import { DEFAULT_SHARDS } from '../train/shards.js';

export async function supernetProblem(config: RunConfig, store: Store, log: (line: string) => void): Promise<Problem> {
  const space = getSpace(config.space ?? DEFAULT_SPACE_NAME);
  // An unreachable budget is found before training, not after (the dataset's shape is in its catalogue entry).
  const spec = getDatasetSpec(config.dataset);
  const specShape = { classes: spec.classes, inputChannels: spec.shape[2], shortcut: space.shortcut, inputSize: [spec.shape[0], spec.shape[1]] as const };
  checkBudgetReachable(config, space, (genome) => genomeCost(genome, space, specShape));
  checkValidationImages(config.validationImages, config.dataset);
  // 'auto' leaves the choice to initBackend, which honours $EVO_NAS_BACKEND.
  const backend = await initBackend(config.backend === 'auto' ? undefined : parseBackendChoice(config.backend));
  log(`backend ${backend.backend}: ${backend.reason.split('\n').at(-1) ?? ''}`);
  const settings = supernetSettingsOf(config);
  const finished = finishedSupernet(store, settings);
  if (finished) log(`using the trained supernet v${finished.version} in ${store.runDir}`);
  const slow = finished ? undefined : trainingBackendWarning(backend.backend);
  if (slow) log(slow);
  const record = finished ?? (await trainSupernetPhase(store, settings, { log, workers: config.workers }));
  const progress = supernetProgress(record);
  if (!progress) throw new Error('the supernet phase returned a checkpoint of another kind');
  const evalSpec = supernetEvalSpec(progress, config);
  const handler = await supernetHandler(store, config);
  const evaluator = evaluatorFor(handler, config, publishingHooks(store, record, log));
  const costSetting = {
    classes: progress.classes,
    inputChannels: progress.inputChannels,
    shortcut: space.shortcut,
    inputSize: [progress.inputSize[0], progress.inputSize[1]] as const,
  };
  return evaluatorProblem({
    space,
    costOf: (genome) => genomeCost(genome, space, costSetting),
    evalSpec,
    supernetVersion: record.version,
    seed: config.seed,
    evaluator,
  });
}

/** The supernet a run trains: its settings from the run's (the ranking benchmark trains the same). */
export function supernetSettingsOf(config: RunConfig): SupernetSettings {
  const space = getSpace(config.space ?? DEFAULT_SPACE_NAME);
  return {
    dataset: config.dataset,
    dataDir: config.dataDir,
    seed: config.seed,
    space: space.name,
    shortcut: space.shortcut,
    epochs: config.supernetEpochs,
    batchSize: config.batchSize,
    lr: config.lr,
    warmupEpochs: Math.min(1, config.supernetEpochs - 1),
    sandwich: config.sandwich,
    // A run stored before these settings existed trained with the sandwich rule and distilled.
    sampling: config.sampling ?? 'sandwich',
    distill: config.distill ?? true,
    labelSmoothing: 0,
    nesterov: true,
    trainImages: config.trainImages,
    augment: null,
    shards: DEFAULT_SHARDS,
  };
}

/** How candidates are measured with a supernet: the run's evaluation settings. */
export type SupernetEvaluation = Pick<RunConfig, 'dataDir' | 'validationImages' | 'recalibrationBatches' | 'batchSize' | 'fineTuneSteps' | 'lr'>;

/**
 * The evaluation spec of a supernet's candidates: its dataset, split seed and space come from the
 * supernet's own settings; where the data lies and how candidates are measured, from the run's. `evo-nas predict` builds it the same way,
 * so its scores are the search's.
 */
export function supernetEvalSpec(progress: SupernetProgress, evaluation: SupernetEvaluation): SupernetEvalSpec {
  const { settings } = progress;
  return {
    kind: 'supernet',
    dataset: settings.dataset,
    dataDir: evaluation.dataDir,
    seed: settings.seed,
    space: settings.space,
    shortcut: settings.shortcut,
    validationImages: evaluation.validationImages,
    recalibrationBatches: evaluation.recalibrationBatches,
    batchSize: evaluation.batchSize,
    fineTuneSteps: evaluation.fineTuneSteps,
    fineTuneLr: evaluation.lr / 10,
  };
}
