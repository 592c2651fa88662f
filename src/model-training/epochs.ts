/**
 * One standalone network's training, epoch by epoch: what `evo-nas train` (which checkpoints and
 * validates after every epoch) and `evo-nas table build` (which trains a genome in memory and
 * measures it once at the end) share. Batch order and augmentation are drawn per epoch from
 * `fork("data")`, stochastic layers per step from `fork("stochastic")`, all below the settings'
 * seed, so epoch k trains the same whether the run started at epoch 0 or resumed at k.
 */
import * as tf from '@tensorflow/tfjs';
import { buildAugmentation } from '../augment/config.js';
import { getDatasetSpec, loadDataset } from '../data/load.js';
import { evaluationBatches, trainingBatches } from '../data/pipeline.js';
import { validationSplit } from '../data/split.js';
import type { Dataset, ImageSet } from '../data/dataset.js';
import { InputError } from '../errors/errors.js';
import { Rng } from '../random/rng.js';
import { evaluateModel, modelTrainStep, modelVariables, type ModelEvaluation, type ModelStepResult } from './model-step.js';
import { epochSchedule } from '../train/recipes.js';
import type { Schedule } from '../train/schedule.js';
import type { TrainBatch } from '../train/batch.js';
import { Sgd } from '../train/sgd.js';
import { tensorBatches, type ArrayBatch } from '../train/tensor-batches.js';
import type { DataParallelOptions } from '../train/shard-pool.js';
import { ModelDataParallel, type ReplicaSpec } from './data-parallel.js';
import type { ModelTrainingSettings } from './settings.js';

/**
 * The settings that decide how a network trains on its data (not which network). The shard
 * count is not among them: a ground-truth table trains whole batches on one thread each.
 */
export type EpochSettings = Omit<ModelTrainingSettings, 'model' | 'genome' | 'init' | 'shards'>;

/** Images per evaluation batch: inference keeps no activations for a backward pass. */
const EVALUATION_BATCH = 256;

export interface TrainingData {
  readonly dataset: Dataset;
  readonly trainIndices: Uint32Array;
  readonly validationSet: ImageSet;
  readonly validationIndices: Uint32Array;
}

/** Loads the dataset the settings name. */
export function loadTrainingDataset(settings: Pick<EpochSettings, 'dataset' | 'dataDir'>): Promise<Dataset> {
  return loadDataset(getDatasetSpec(settings.dataset), settings.dataDir ? { sources: { dataDir: settings.dataDir } } : {});
}

/** The training and validation images the settings ask for, out of a loaded dataset. */
export function trainingData(dataset: Dataset, settings: EpochSettings): TrainingData {
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

/** A model being trained: its optimiser, schedule, augmentation and random streams. */
export interface EpochTrainer {
  readonly model: tf.LayersModel;
  readonly variables: Map<string, tf.Variable>;
  readonly optimizer: Sgd;
  readonly stepsPerEpoch: number;
  readonly schedule: Schedule;
  readonly data: TrainingData;
  readonly settings: EpochSettings;
  readonly augment: ReturnType<typeof buildAugmentation>;
  readonly rng: Rng;
  readonly stochastic: Rng;
  /** Present when each batch is cut into shards (data-parallel.ts); absent: whole-batch steps on this thread. */
  readonly parallel?: ModelDataParallel;
}

/** Data-parallel training's set-up: the network a worker rebuilds, the shards and the workers. */
export interface ParallelTraining extends DataParallelOptions {
  readonly replica: ReplicaSpec;
}

/**
 * Sets up training `model` on `data`, data parallel when `parallel` asks for more than one shard;
 * the caller ends it with closeEpochTrainer (and disposes the model).
 */
export function epochTrainer(model: tf.LayersModel, data: TrainingData, settings: EpochSettings, parallel?: ParallelTraining): EpochTrainer {
  const stepsPerEpoch = Math.floor(data.trainIndices.length / settings.batchSize);
  if (stepsPerEpoch === 0) throw new InputError(`--batch-size ${settings.batchSize} is larger than the ${data.trainIndices.length} training images`);
  const variables = modelVariables(model);
  const optimizer = new Sgd(variables, { momentum: settings.momentum, nesterov: settings.nesterov, weightDecay: settings.weightDecay });
  const rng = Rng.fromSeed(settings.seed).fork('train');
  const stochastic = rng.fork('stochastic');
  if (parallel && settings.batchSize % parallel.shards !== 0) {
    throw new InputError(`--shards ${parallel.shards} must divide --batch-size ${settings.batchSize}`);
  }
  return {
    model,
    variables,
    optimizer,
    stepsPerEpoch,
    schedule: epochSchedule(settings, stepsPerEpoch),
    data,
    settings,
    augment: buildAugmentation(settings.augment, data.dataset),
    rng,
    stochastic,
    ...(parallel && parallel.shards > 1 ? { parallel: new ModelDataParallel(model, optimizer, stochastic, parallel.replica, parallel) } : {}),
  };
}

/** Stops the trainer's workers and frees its optimiser state. */
export async function closeEpochTrainer(trainer: EpochTrainer): Promise<void> {
  trainer.optimizer.dispose();
  await trainer.parallel?.close();
}

export interface EpochTraining {
  /** Mean loss and top-1 over the epoch's training batches. */
  readonly loss: number;
  readonly top1: number;
  readonly seen: number;
  readonly seconds: number;
}

/**
 * Trains epoch `epoch` (0-based); `onStep` reports steps done of the epoch. Throws an InputError
 * when the loss is no longer finite.
 */
export async function trainEpoch(trainer: EpochTrainer, epoch: number, onStep?: (done: number, total: number) => void): Promise<EpochTraining> {
  const { model, variables, optimizer, schedule, settings, stepsPerEpoch, data } = trainer;
  const started = performance.now();
  const batches = trainingBatches(data.dataset.train, data.dataset, epoch, trainer.rng.fork('data'), {
    batchSize: settings.batchSize,
    indices: data.trainIndices,
    shuffle: true,
    dropLast: true,
    augment: trainer.augment,
  });
  const { loss, top1, seen } = await runBatches(batches, async (batch, done) => {
    const step = epoch * stepsPerEpoch + done;
    const options = { step, lr: schedule(step), labelSmoothing: settings.labelSmoothing };
    const result = trainer.parallel
      ? await trainer.parallel.step(batch, options)
      : wholeBatchStep(batch, (tensors) => modelTrainStep(model, variables, optimizer, tensors, { ...options, rng: trainer.stochastic }));
    onStep?.(done + 1, stepsPerEpoch);
    return result;
  });
  if (!Number.isFinite(loss)) throw new InputError(`training diverged in epoch ${epoch + 1} (loss ${loss}); try a lower --lr`);
  return { loss, top1, seen, seconds: (performance.now() - started) / 1000 };
}

/** Loss, top-1 and top-5 on the validation images (in inference mode). */
export function validate(model: tf.LayersModel, data: TrainingData): Promise<ModelEvaluation> {
  return evaluateModel(model, tensorBatches(evaluationBatches(data.validationSet, data.dataset, { batchSize: EVALUATION_BATCH, indices: data.validationIndices })));
}

/** Runs `step` on every batch of an epoch; returns the mean loss and top-1. */
async function runBatches(
  batches: AsyncIterable<ArrayBatch>,
  step: (batch: ArrayBatch, done: number) => Promise<ModelStepResult>,
): Promise<{ loss: number; top1: number; seen: number }> {
  let [lossSum, correct, seen, done] = [0, 0, 0, 0];
  for await (const batch of batches) {
    const result = await step(batch, done);
    const n = batch.shape[0] as number;
    [lossSum, correct, seen] = [lossSum + result.loss * n, correct + result.correct, seen + n];
    done += 1;
  }
  return { loss: lossSum / seen, top1: correct / seen, seen };
}

/** `step` on the batch as tensors, disposed after. */
function wholeBatchStep(batch: ArrayBatch, step: (tensors: TrainBatch) => ModelStepResult): ModelStepResult {
  const tensors = {
    x: tf.tensor4d(batch.data, batch.shape as [number, number, number, number]),
    targets: tf.tensor2d(batch.labels, batch.labelShape as [number, number]),
  };
  try {
    return step(tensors);
  } finally {
    tf.dispose([tensors.x, tensors.targets]);
  }
}
