/**
 * `evo-nas train --shards S --workers N`: data-parallel training of a zoo model gives the same
 * bits on worker threads as on the main thread, resumed or not; one shard is the whole-batch step.
 */
import * as tf from '@tensorflow/tfjs';
import t, { type Test } from 'tap';
import { runCli } from '../../src/cli/program.js';
import { trainingSettings, type TrainCommandOptions } from '../../src/cli/commands/train.js';
import { ModelDataParallel } from '../../src/model-training/data-parallel.js';
import { trainModel, trainingProgress } from '../../src/model-training/job.js';
import { modelTrainStep, modelVariables, modelWeights } from '../../src/model-training/model-step.js';
import { Rng } from '../../src/random/rng.js';
import type { CheckpointRecord } from '../../src/store/schema.js';
import { Store } from '../../src/store/store.js';
import { Sgd } from '../../src/train/sgd.js';
import { buildModel, getArchitecture } from '../../src/zoo/index.js';
import { tinyTask, useTestBackend } from '../helpers/tf.js';
import { tempDir } from '../helpers/tmp.js';

await useTestBackend();

const options: TrainCommandOptions = {
  model: 'resnet20',
  dataset: 'fashion-mnist-mini',
  recipe: 'cifar10',
  epochs: 2,
  batchSize: 16,
  lr: 0.05,
  labelSmoothing: 0.1,
  validation: 'test',
  init: 'random',
  trainImages: 32,
  validationImages: 16,
  seed: 7,
  shards: 4,
  cropFlip: false,
};

class Crash extends Error {}

/** Weights (BN running statistics included) and optimiser state after training in `runDir`. */
async function trainedIn(runDir: string, workers: number, crashAfterEpoch?: number, lines: string[] = []) {
  const store = Store.open(runDir);
  try {
    let epochs = 0;
    await trainModel(store, trainingSettings(options), {
      workers,
      execArgv: [],
      log: (line) => {
        lines.push(line);
        if (line.startsWith('epoch ') && ++epochs === crashAfterEpoch) throw new Crash('killed');
      },
    });
    const record = store.getCheckpoint() as CheckpointRecord;
    return { weights: store.getWeights(record.weights), optimizer: store.getWeights(record.optimizer) };
  } finally {
    await store.close();
  }
}

t.test('4 shards on 2 worker threads, killed after an epoch and resumed, give the main thread\'s bits', async (t) => {
  const mainThread = await trainedIn(tempDir(t), 0);
  t.ok(mainThread.weights.some((w) => /moving_mean/.test(w.name)), 'the checkpoint holds BN running statistics');
  const dir = tempDir(t);
  const lines: string[] = [];
  await t.rejects(trainedIn(dir, 2, 1, lines), { message: 'killed' });
  t.ok(lines.includes('4 shards per batch on 2 worker threads'), 'the shards ran on worker threads');
  t.same(await trainedIn(dir, 2), mainThread, 'weights, running statistics and momentum, bit for bit');
});

/** A zoo network for 8x8x3 images, 4 classes, and its optimiser. */
function smallModel(architecture = 'resnet20') {
  const model = buildModel(getArchitecture(architecture), { classes: 4, inputShape: [8, 8, 3], seed: 3 });
  return { model, optimizer: new Sgd(modelVariables(model), { momentum: 0.9, nesterov: false, weightDecay: 5e-4 }) };
}

function batches(count: number) {
  return Array.from({ length: count }, (_, i) => {
    const task = tinyTask(8, 8, 3, 40 + i);
    const batch = { data: task.x.dataSync() as Float32Array, shape: task.x.shape, labels: task.targets.dataSync() as Float32Array, labelShape: task.targets.shape };
    tf.dispose([task.x, task.labels, task.targets]);
    return batch;
  });
}

async function shardedSteps(t: Test, shards: number, workers = 0, architecture = 'resnet20') {
  const { model, optimizer } = smallModel(architecture);
  const trainer = new ModelDataParallel(model, optimizer, Rng.fromSeed(1).fork('train').fork('stochastic'), { model: architecture, classes: 4, inputShape: [8, 8, 3] }, { shards, workers, execArgv: [] });
  t.equal(trainer.workers, workers, `${workers} worker threads`);
  const results = [];
  for (const [step, batch] of batches(2).entries()) results.push(await trainer.step(batch, { step, lr: 0.1, labelSmoothing: 0.1 }));
  await trainer.close();
  const weights = modelWeights(model).map((w) => Array.from(w.data));
  optimizer.dispose();
  model.dispose();
  return { results, weights };
}

t.test('one shard is the whole-batch step, bit for bit; more shards change the result', async (t) => {
  const { model, optimizer } = smallModel();
  const variables = modelVariables(model);
  const whole = batches(2).map((batch, step) => {
    const tensors = { x: tf.tensor4d(batch.data, batch.shape as [number, number, number, number]), targets: tf.tensor2d(batch.labels, batch.labelShape as [number, number]) };
    const result = modelTrainStep(model, variables, optimizer, tensors, { step, lr: 0.1, labelSmoothing: 0.1, rng: Rng.fromSeed(1).fork('train').fork('stochastic') });
    tf.dispose([tensors.x, tensors.targets]);
    return result;
  });
  const wholeWeights = modelWeights(model).map((w) => Array.from(w.data));
  optimizer.dispose();
  model.dispose();
  const one = await shardedSteps(t, 1);
  t.same(one.results, whole, 'the same losses and top-1 counts');
  t.same(one.weights, wholeWeights, 'the same weights and running statistics');
  const two = await shardedSteps(t, 2);
  t.not(two.weights.join(), wholeWeights.join(), 'BN statistics over 4 images instead of 8 train another network');
  t.ok(Math.abs(two.results[0]!.loss - whole[0]!.loss) < 0.5, 'but a close one: the first loss is near');
});

t.test("stochastic layers draw per shard, and a worker's replica draws what the main thread draws (shake-shake)", async (t) => {
  const mainThread = await shardedSteps(t, 2, 0, 'shakeshake26_2x32d');
  t.same(await shardedSteps(t, 2, 2, 'shakeshake26_2x32d'), mainThread, 'the same losses, weights and running statistics');
});

t.test('shards must divide the batch; checkpoints from before shards existed read as one shard', async (t) => {
  let err = '';
  const code = await runCli(['train', '--model', 'resnet20', '--dataset', 'fashion-mnist-mini', '--batch-size', '16', '--shards', '3', '--run-dir', tempDir(t)], { out: () => undefined, err: (s) => (err += s) });
  t.equal(code, 2);
  t.match(err, /--shards 3 must be a whole number ≥ 1 that divides the batch size 16/);
  const before = Object.fromEntries(Object.entries(trainingSettings(options)).filter(([key]) => key !== 'shards'));
  const record = { training: { kind: 'model-training', settings: before, network: 'resnet20', params: 1, epoch: 1, history: [], peakMemoryBytes: 0 } } as unknown as CheckpointRecord;
  t.equal(trainingProgress(record)?.settings.shards, 1);
});
