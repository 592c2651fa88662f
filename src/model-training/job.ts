/**
 * `evo-nas train`'s work: train one network (a zoo architecture or an exported search entry) on a
 * dataset with a recipe, evaluate it after every epoch, and checkpoint weights, optimiser state
 * and the epoch history into the run directory's store in one transaction per epoch. Run again
 * on the same store, it continues after the last completed epoch and ends where an uninterrupted
 * run ends: batch order and augmentation are drawn per epoch, stochastic layers per step, all from
 * forks of the seed.
 */
import type * as tf from '@tensorflow/tfjs';
import { buildAugmentation } from '../augment/config.js';
import { getDatasetSpec, loadDataset } from '../data/load.js';
import { evaluationBatches, trainingBatches } from '../data/pipeline.js';
import { validationSplit } from '../data/split.js';
import type { Dataset, ImageSet } from '../data/dataset.js';
import { InputError } from '../errors/errors.js';
import { Rng } from '../random/rng.js';
import type { CheckpointRecord } from '../store/schema.js';
import type { Store } from '../store/store.js';
import { evaluateModel, modelTrainStep, modelVariables, modelWeights, setModelWeights, type ModelStepResult } from './model-step.js';
import type { TrainBatch } from '../train/batch.js';
import { epochSchedule } from '../train/recipes.js';
import { Sgd } from '../train/sgd.js';
import { tensorBatches, type ArrayBatch } from '../train/tensor-batches.js';
import { buildModel, countParams, loadEntryModel, resolveModel, type ModelSource } from '../zoo/index.js';
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
  /** Steps done of the epoch's total (for a progress bar). */
  readonly onStep?: (epoch: number, done: number, total: number) => void;
}

/** Images per evaluation batch: inference keeps no activations for a backward pass. */
const EVALUATION_BATCH = 256;

/** The progress in a training checkpoint, if the record is one of `evo-nas train`'s. */
export function trainingProgress(record: CheckpointRecord | undefined): TrainingProgress | undefined {
  const training = record?.training as Partial<TrainingProgress> | undefined;
  return training?.kind === 'model-training' ? (training as TrainingProgress) : undefined;
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
  const data = await trainingData(settings);
  const { dataset } = data;
  const stepsPerEpoch = Math.floor(data.trainIndices.length / settings.batchSize);
  if (stepsPerEpoch === 0) throw new InputError(`--batch-size ${settings.batchSize} is larger than the ${data.trainIndices.length} training images`);
  const model = await startingModel(source, settings, dataset);
  const variables = modelVariables(model);
  const optimizer = new Sgd(variables, { momentum: settings.momentum, nesterov: settings.nesterov, weightDecay: settings.weightDecay });
  const params = countParams(model);
  const network = source.architecture.name;
  try {
    if (latest && saved) {
      setModelWeights(model, store.getWeights(latest.weights));
      optimizer.loadState(store.getWeights(latest.optimizer));
      io.log(`resuming ${network} after epoch ${saved.epoch} of ${settings.epochs} (checkpoint v${latest.version})`);
    } else {
      io.log(`training ${network} (${params.toLocaleString('en-US')} params) on ${dataset.name}: ${describeHyperParameters(settings)}`);
    }
    const schedule = epochSchedule(settings, stepsPerEpoch);
    const augment = buildAugmentation(settings.augment, dataset);
    const rng = Rng.fromSeed(settings.seed).fork('train');
    const stochastic = rng.fork('stochastic');
    const history = [...(saved?.history ?? [])];
    let peakMemoryBytes = saved?.peakMemoryBytes ?? 0;
    for (let epoch = saved?.epoch ?? 0; epoch < settings.epochs; epoch++) {
      const started = performance.now();
      const batches = trainingBatches(dataset.train, dataset, epoch, rng.fork('data'), {
        batchSize: settings.batchSize,
        indices: data.trainIndices,
        shuffle: true,
        dropLast: true,
        augment,
      });
      const { loss, top1, seen } = await trainEpoch(batches, (batch, done) => {
        const step = epoch * stepsPerEpoch + done;
        const result = modelTrainStep(model, variables, optimizer, batch, { step, lr: schedule(step), labelSmoothing: settings.labelSmoothing, rng: stochastic });
        io.onStep?.(epoch + 1, done + 1, stepsPerEpoch);
        return result;
      });
      if (!Number.isFinite(loss)) throw new InputError(`training diverged in epoch ${epoch + 1} (loss ${loss}); try a lower --lr`);
      const trainSeconds = (performance.now() - started) / 1000;
      const validation = await evaluateModel(model, tensorBatches(evaluationBatches(data.validationSet, dataset, { batchSize: EVALUATION_BATCH, indices: data.validationIndices })));
      const report: EpochReport = {
        epoch: epoch + 1,
        lr: schedule((epoch + 1) * stepsPerEpoch - 1),
        trainLoss: loss,
        trainTop1: top1,
        valLoss: validation.loss,
        valTop1: validation.top1,
        valTop5: validation.top5,
        seconds: (performance.now() - started) / 1000,
        imagesPerSecond: seen / trainSeconds,
      };
      history.push(report);
      peakMemoryBytes = Math.max(peakMemoryBytes, process.resourceUsage().maxRSS * 1024);
      const progress: TrainingProgress = { kind: 'model-training', settings, network, params, epoch: epoch + 1, history, peakMemoryBytes };
      const record = store.saveCheckpoint({ weights: modelWeights(model), optimizer: optimizer.state(), training: { ...progress } });
      io.log(formatEpoch(report, settings.epochs, record.version));
    }
    return resultOf({ kind: 'model-training', settings, network, params, epoch: settings.epochs, history, peakMemoryBytes });
  } finally {
    optimizer.dispose();
    model.dispose();
  }
}

/** Runs `step` on every batch of an epoch (disposing each); returns the mean loss and top-1. */
async function trainEpoch(
  batches: AsyncIterable<ArrayBatch>,
  step: (batch: TrainBatch, done: number) => ModelStepResult,
): Promise<{ loss: number; top1: number; seen: number }> {
  let [lossSum, correct, seen, done] = [0, 0, 0, 0];
  for await (const batch of tensorBatches(batches)) {
    try {
      const result = step(batch, done);
      const n = batch.x.shape[0];
      [lossSum, correct, seen] = [lossSum + result.loss * n, correct + result.correct, seen + n];
    } finally {
      batch.x.dispose();
      batch.targets.dispose();
    }
    done += 1;
  }
  return { loss: lossSum / seen, top1: correct / seen, seen };
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

interface TrainingData {
  readonly dataset: Dataset;
  readonly trainIndices: Uint32Array;
  readonly validationSet: ImageSet;
  readonly validationIndices: Uint32Array;
}

/** The dataset, the training images and the validation images the settings ask for. */
async function trainingData(settings: ModelTrainingSettings): Promise<TrainingData> {
  const dataset = await loadDataset(getDatasetSpec(settings.dataset), settings.dataDir ? { sources: { dataDir: settings.dataDir } } : {});
  const all = (set: ImageSet) => Uint32Array.from({ length: set.count }, (_, i) => i);
  const split =
    settings.validation === 'holdout'
      ? validationSplit(dataset.train.labels, Rng.fromSeed(settings.seed).fork('validation-split'))
      : { train: all(dataset.train), validation: all(dataset.test) };
  const first = (indices: Uint32Array, n: number | null) => (n === null ? indices : indices.slice(0, n));
  return {
    dataset,
    trainIndices: first(split.train, settings.trainImages),
    validationSet: settings.validation === 'holdout' ? dataset.train : dataset.test,
    validationIndices: first(split.validation, settings.validationImages),
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
