/**
 * `evo-nas train`'s work: train one network (a zoo architecture or an exported search entry) on a
 * dataset with a recipe, evaluate it after every epoch, and checkpoint weights, optimiser state
 * and the epoch history into the run directory's store in one transaction per epoch. Run again
 * on the same store, it continues after the last completed epoch and ends where an uninterrupted
 * run ends: batch order and augmentation are drawn per epoch, stochastic layers per step, all from
 * forks of the seed.
 */
import type * as tf from '@tensorflow/tfjs';
import type { Dataset } from '../data/dataset.js';
import { InputError } from '../errors/errors.js';
import type { CheckpointRecord } from '../store/schema.js';
import type { Store } from '../store/store.js';
import { modelWeights, setModelWeights } from './model-step.js';
import { buildModel, countParams, loadEntryModel, resolveModel, type ModelSource } from '../zoo/index.js';
import { closeEpochTrainer, epochTrainer, loadTrainingDataset, trainEpoch, trainingData, validate, type EpochTrainer } from './epochs.js';
import { formatEpoch, type EpochReport, type TrainingResult } from './results.js';
import { checkSameSettings, describeHyperParameters, type ModelTrainingSettings } from './settings.js';

/** What a checkpoint's `training` field holds. */
export interface TrainingProgress {
  readonly kind: 'model-training';
  readonly settings: ModelTrainingSettings;
  readonly network: string;
  readonly params: number;
  /** Epochs completed. */
  readonly epoch: number;
  readonly history: readonly EpochReport[];
  readonly peakMemoryBytes: number;
}

export interface TrainingIo {
  readonly log: (line: string) => void;
  /** Worker threads computing the shards (at most settings.shards); 0 or 1: this thread. Default: the core count. */
  readonly workers?: number;
  /** Node options of the worker threads (default: the process's own). */
  readonly execArgv?: readonly string[];
  /** Steps done of the epoch's total (for a progress bar). */
  readonly onStep?: (epoch: number, done: number, total: number) => void;
}

/** The progress in a training checkpoint, if the record is one of `evo-nas train`'s. */
export function trainingProgress(record: CheckpointRecord | undefined): TrainingProgress | undefined {
  const training = record?.training as Partial<TrainingProgress> | undefined;
  if (training?.kind !== 'model-training') return undefined;
  const progress = training as TrainingProgress;
  return progress.settings.shards === undefined ? { ...progress, settings: { ...progress.settings, shards: 1 } } : progress;
}

export async function trainModel(store: Store, settings: ModelTrainingSettings, io: TrainingIo): Promise<TrainingResult> {
  if (store.getRun() !== undefined || store.latestSupernetVersion() > 0) {
    throw new InputError(`${store.runDir} holds a search run; give evo-nas train a run directory of its own`);
  }
  const latest = store.getCheckpoint();
  const saved = trainingProgress(latest);
  if (saved) checkSameSettings(saved.settings, settings, store.runDir);
  if (saved && saved.epoch >= settings.epochs) {
    io.log(`${store.runDir} finished training ${saved.network} (${saved.epoch} epochs); showing its results`);
    return resultOf(saved);
  }

  const source = resolveModel(settings.model);
  const data = trainingData(await loadTrainingDataset(settings), settings);
  const { dataset } = data;
  const model = await startingModel(source, settings, dataset);
  const params = countParams(model);
  const network = source.architecture.name;
  let trainer: EpochTrainer | undefined;
  try {
    const replica = { model: settings.model, classes: dataset.classNames.length, inputShape: [dataset.height, dataset.width, dataset.channels] as const };
    trainer = epochTrainer(model, data, settings, { replica, shards: settings.shards, ...(io.workers === undefined ? {} : { workers: io.workers }), ...(io.execArgv ? { execArgv: io.execArgv } : {}) });
    if (latest && saved) {
      setModelWeights(model, store.getWeights(latest.weights));
      trainer.optimizer.loadState(store.getWeights(latest.optimizer));
      io.log(`resuming ${network} after epoch ${saved.epoch} of ${settings.epochs} (checkpoint v${latest.version})`);
    } else {
      io.log(`training ${network} (${params.toLocaleString('en-US')} params) on ${dataset.name}: ${describeHyperParameters(settings)}`);
    }
    const parallel = trainer.parallel;
    if (parallel) io.log(`${settings.shards} shards per batch on ${parallel.workers === 0 ? 'the main thread' : `${parallel.workers} worker threads`}`);
    const history = [...(saved?.history ?? [])];
    let peakMemoryBytes = saved?.peakMemoryBytes ?? 0;
    for (let epoch = saved?.epoch ?? 0; epoch < settings.epochs; epoch++) {
      const started = performance.now();
      const trained = await trainEpoch(trainer, epoch, (done, total) => io.onStep?.(epoch + 1, done, total));
      const validation = await validate(model, data);
      const report: EpochReport = {
        epoch: epoch + 1,
        lr: trainer.schedule((epoch + 1) * trainer.stepsPerEpoch - 1),
        trainLoss: trained.loss,
        trainTop1: trained.top1,
        valLoss: validation.loss,
        valTop1: validation.top1,
        valTop5: validation.top5,
        seconds: (performance.now() - started) / 1000,
        imagesPerSecond: trained.seen / trained.seconds,
      };
      history.push(report);
      peakMemoryBytes = Math.max(peakMemoryBytes, process.resourceUsage().maxRSS * 1024);
      const progress: TrainingProgress = { kind: 'model-training', settings, network, params, epoch: epoch + 1, history, peakMemoryBytes };
      const record = store.saveCheckpoint({ weights: modelWeights(model), optimizer: trainer.optimizer.state(), training: { ...progress } });
      io.log(formatEpoch(report, settings.epochs, record.version));
    }
    return resultOf({ kind: 'model-training', settings, network, params, epoch: settings.epochs, history, peakMemoryBytes });
  } finally {
    if (trainer) await closeEpochTrainer(trainer);
    model.dispose();
  }
}

function resultOf(progress: TrainingProgress): TrainingResult {
  const last = progress.history[progress.history.length - 1];
  if (!last) throw new Error('a finished training has no epoch in its history');
  const { settings } = progress;
  return {
    network: progress.network,
    params: progress.params,
    dataset: settings.dataset,
    epochs: progress.epoch,
    trainLoss: last.trainLoss,
    trainTop1: last.trainTop1,
    valLoss: last.valLoss,
    valTop1: last.valTop1,
    valTop5: last.valTop5,
    hyperParameters: describeHyperParameters(settings),
    peakMemoryBytes: progress.peakMemoryBytes,
    history: progress.history,
  };
}

/** The network before its first epoch: seeded fresh weights, or those an exported entry inherited. */
async function startingModel(source: ModelSource, settings: ModelTrainingSettings, dataset: Dataset): Promise<tf.LayersModel> {
  const classes = dataset.classNames.length;
  const inputShape = [dataset.height, dataset.width, dataset.channels] as const;
  if (settings.init === 'inherited') {
    if (source.kind !== 'entry') throw new InputError(`--init inherited needs an exported search entry; ${settings.model} is a zoo architecture`);
    const { entry } = source;
    if (entry.classes !== classes || entry.inputShape.join('x') !== inputShape.join('x')) {
      throw new InputError(
        `${entry.dir} was searched for ${entry.inputShape.join('x')} images and ${entry.classes} classes; ${dataset.name} has ` +
          `${inputShape.join('x')} and ${classes}: its inherited weights cannot be used (train it from scratch with --init random)`,
      );
    }
  }
  const model = buildModel(source.architecture, { classes, inputShape, seed: settings.seed });
  if (settings.init === 'inherited' && source.kind === 'entry') {
    const exported = await loadEntryModel(source.entry);
    try {
      setModelWeights(model, modelWeights(exported), false);
    } catch (error) {
      model.dispose();
      throw error;
    } finally {
      exported.dispose();
    }
  }
  return model;
}
