import t from 'tap';
import * as tf from '@tensorflow/tfjs';
import { Rng } from '../../src/random/rng.js';
import { getSpace, smallestGenome, type ResNetSpace } from '../../src/space/index.js';
import { Store } from '../../src/store/store.js';
import { DataParallelTrainer } from '../../src/supernet/data-parallel.js';
import { fixedSpace } from '../../src/supernet/extract.js';
import { trainSupernetPhase, type SupernetSettings } from '../../src/supernet/phase.js';
import { Supernet } from '../../src/supernet/supernet.js';
import { train, trainDataParallel } from '../../src/supernet/train-loop.js';
import { cosineWithWarmup } from '../../src/train/schedule.js';
import { Sgd } from '../../src/train/sgd.js';
import type { ArrayBatch } from '../../src/train/tensor-batches.js';
import { tempDir } from '../helpers/tmp.js';
import { tinyTask, useTestBackend } from '../helpers/tf.js';

await useTestBackend();
const config = { classes: 4, inputChannels: 3, shortcut: 'needed' as const };
// The challenge space narrowed to two widths per position: a real sandwich, cheap on any backend.
const challenge = getSpace();
const space: ResNetSpace = {
  ...fixedSpace(challenge, smallestGenome(challenge)),
  name: 'narrow',
  positions: challenge.positions.map((p) => ({ ...p, choices: [4, 8], maxChannels: 8 })),
};
const STEPS = 3;
const options = { steps: STEPS, schedule: cosineWithWarmup({ baseLr: 0.1, totalSteps: STEPS, warmupSteps: 1 }), sandwichRandom: 1, labelSmoothing: 0.1 };

function arrayBatches(count: number, size: number): ArrayBatch[] {
  return Array.from({ length: count }, (_, i) => {
    const task = tinyTask(size, 8, 3, 100 + i);
    const batch = { data: task.x.dataSync() as Float32Array, shape: task.x.shape, labels: task.targets.dataSync() as Float32Array, labelShape: task.targets.shape };
    tf.dispose([task.x, task.labels, task.targets]);
    return batch;
  });
}

/**
 * Every tensor and velocity after STEPS steps with `shards` shards on `workers` workers; with
 * `resumeAt`, the process stops after that step and a new one continues from the saved buffers.
 */
async function trained(shards: number, workers: number, resumeAt?: number) {
  const batches = arrayBatches(STEPS, 8);
  let supernet = Supernet.create(space, config, Rng.fromSeed(5));
  let optimizer = new Sgd(supernet.trainableVariables(), { nesterov: true });
  const losses: number[][] = [];
  const run = async (startStep: number, steps: number) => {
    const trainer = new DataParallelTrainer(supernet, optimizer, { shards, workers, execArgv: [] });
    try {
      const reports = await trainDataParallel(trainer, batches.slice(startStep), { ...options, steps, startStep, rng: Rng.fromSeed(5) });
      losses.push(...reports.map((r) => [...r.losses]));
    } finally {
      await trainer.close();
    }
  };
  if (resumeAt === undefined) {
    await run(0, STEPS);
  } else {
    await run(0, resumeAt);
    const [weights, state] = [supernet.getWeights(), optimizer.state()];
    optimizer.dispose();
    supernet.dispose();
    supernet = Supernet.fromWeights(space, config, weights);
    optimizer = new Sgd(supernet.trainableVariables(), { nesterov: true });
    optimizer.loadState(state);
    await run(resumeAt, STEPS - resumeAt);
  }
  const result = { weights: supernet.getWeights(), velocities: optimizer.state(), losses };
  optimizer.dispose();
  supernet.dispose();
  return result;
}

t.test('two workers and the main thread give bit-identical weights for the same shards, resumed or not', async (t) => {
  const inProcess = await trained(2, 0);
  t.equal(inProcess.losses.length, STEPS);
  t.same(await trained(2, 2, 1), inProcess, '2 workers, stopped after step 1 and resumed = main thread, uninterrupted');
  const four = await trained(4, 0);
  t.not(four.weights.map((w) => w.data.join()).join(), inProcess.weights.map((w) => w.data.join()).join(), 'the shard count is part of the result');
});

t.test('one shard on the main thread is the whole-batch sandwich step, bit for bit', async (t) => {
  const supernet = Supernet.create(space, config, Rng.fromSeed(5));
  const optimizer = new Sgd(supernet.trainableVariables(), { nesterov: true });
  const tensors = arrayBatches(STEPS, 8).map((b) => ({ x: tf.tensor4d(b.data, [...b.shape] as [number, number, number, number]), targets: tf.tensor2d(b.labels, [...b.labelShape] as [number, number]) }));
  await train(supernet, optimizer, tensors, { ...options, rng: Rng.fromSeed(5) });
  const whole = { weights: supernet.getWeights(), velocities: optimizer.state() };
  optimizer.dispose();
  supernet.dispose();
  const sharded = await trained(1, 0);
  t.same({ weights: sharded.weights, velocities: sharded.velocities }, whole);
});

t.test('the supernet phase with 1 and with 2 workers stores bit-identical weights (fashion-mnist-mini, 256 images, batch 32)', async (t) => {
  const settings: SupernetSettings = {
    dataset: 'fashion-mnist-mini', dataDir: null, seed: 3, space: challenge.name, shortcut: challenge.shortcut, epochs: 1, batchSize: 32,
    lr: 0.1, warmupEpochs: 0, sandwich: 0, distill: true, labelSmoothing: 0, nesterov: true, trainImages: 256, augment: null, shards: 2,
  };
  const dir = tempDir(t);
  const weightsWith = async (workers: number) => {
    const store = Store.open(`${dir}/workers-${workers}`);
    try {
      const record = await trainSupernetPhase(store, settings, { log: () => undefined, workers, execArgv: [] });
      return { weights: store.getWeights(record.weights), optimizer: store.getWeights(record.optimizer) };
    } finally {
      store.close();
    }
  };
  const one = await weightsWith(1);
  t.ok(one.weights.length > 0);
  t.same(await weightsWith(2), one);
});

t.test('a batch size that the shards do not divide is refused', async (t) => {
  const store = Store.open(`${tempDir(t)}/odd`);
  const settings: SupernetSettings = {
    dataset: 'fashion-mnist-mini', dataDir: null, seed: 3, space: challenge.name, shortcut: challenge.shortcut, epochs: 1, batchSize: 30,
    lr: 0.1, warmupEpochs: 0, sandwich: 1, distill: true, labelSmoothing: 0, nesterov: true, trainImages: 64, augment: null, shards: 4,
  };
  await t.rejects(trainSupernetPhase(store, settings, { log: () => undefined, workers: 0 }), /--shards 4 must be a whole number ≥ 1 that divides the batch size 30/);
  store.close();
});
