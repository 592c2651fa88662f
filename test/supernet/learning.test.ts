import t from 'tap';
import * as tf from '@tensorflow/tfjs';
import { evaluationBatches, syntheticDataset, trainingBatches, type TensorBatch } from '../../src/data/index.js';
import { Rng } from '../../src/random/rng.js';
import { getSpace, largestGenome, type Genome } from '../../src/space/index.js';
import { evaluateSubnet } from '../../src/supernet/evaluate.js';
import { fixedSpace } from '../../src/supernet/extract.js';
import { recalibrateBn } from '../../src/supernet/recalibrate.js';
import { Supernet } from '../../src/supernet/supernet.js';
import { train } from '../../src/supernet/train-loop.js';
import { cosineWithWarmup } from '../../src/train/schedule.js';
import { Sgd } from '../../src/train/sgd.js';
import { useTestBackend } from '../helpers/tf.js';

await useTestBackend();

// A small learnable task: 4 classes of oriented gratings with random phase and noise, 16x16x3.
const CLASSES = 4;
const STEPS = 40;
const dataset = syntheticDataset({ classes: CLASSES, height: 16, width: 16, trainCount: 32 * STEPS, testCount: 256, seed: 3 });
const challenge = getSpace();
const toTensors = (b: TensorBatch) => ({
  x: tf.tensor4d(b.data, [...b.shape]),
  targets: tf.tensor2d(b.labels, [...b.labelShape]),
});

/** Trains `genome` of `supernet` for STEPS steps and returns its test accuracy after recalibration. */
async function accuracyAfterTraining(supernet: Supernet, sandwichRandom: number | undefined, genome: Genome): Promise<number> {
  const optimizer = new Sgd(supernet.trainableVariables(), { nesterov: true });
  const batches = trainingBatches(dataset.train, dataset, 0, Rng.fromSeed(1), { batchSize: 32, shuffle: true, dropLast: true });
  async function* tensors() {
    for await (const batch of batches) yield toTensors(batch);
  }
  await train(supernet, optimizer, tensors(), {
    steps: STEPS,
    schedule: cosineWithWarmup({ baseLr: 0.1, totalSteps: STEPS, warmupSteps: 3 }),
    sandwichRandom,
    rng: Rng.fromSeed(2),
  });
  optimizer.dispose();
  const test: { x: tf.Tensor4D; labels: tf.Tensor1D }[] = [];
  for await (const batch of evaluationBatches(dataset.test, dataset, { batchSize: 128 })) {
    const { x, targets } = toTensors(batch);
    test.push({ x, labels: tf.tidy(() => targets.argMax(1).toInt() as tf.Tensor1D) });
    targets.dispose();
  }
  // BN statistics come from training images only, as the search's evaluator takes them.
  const recalibration: tf.Tensor4D[] = [];
  for await (const batch of evaluationBatches(dataset.train, dataset, { batchSize: 128 })) {
    const { x, targets } = toTensors(batch);
    targets.dispose();
    if (recalibration.length < 2) recalibration.push(x);
    else x.dispose();
  }
  const statistics = recalibrateBn(supernet, genome, recalibration);
  tf.dispose(recalibration);
  const { accuracy } = evaluateSubnet(supernet, genome, statistics, test);
  tf.dispose(test.flatMap((b) => [b.x, b.labels]));
  return accuracy;
}

t.test('the standard ResNet20 trained by this loop clearly beats chance on a learnable task', async (t) => {
  const resnet20 = largestGenome(challenge);
  const model = Supernet.create(fixedSpace(challenge, resnet20), { classes: CLASSES, inputChannels: 3, shortcut: 'needed' }, Rng.fromSeed(4));
  const accuracy = await accuracyAfterTraining(model, undefined, resnet20);
  t.ok(accuracy >= 0.6, `test accuracy ${accuracy.toFixed(3)} after ${STEPS} steps (chance 0.25)`);
  model.dispose();
});

t.test("the supernet's largest subnet, trained with the sandwich rule, beats chance too", async (t) => {
  const supernet = Supernet.create(challenge, { classes: CLASSES, inputChannels: 3, shortcut: 'always' }, Rng.fromSeed(5));
  const accuracy = await accuracyAfterTraining(supernet, 1, largestGenome(challenge));
  t.ok(accuracy >= 0.5, `largest subnet's test accuracy ${accuracy.toFixed(3)} after ${STEPS} sandwich steps (chance 0.25)`);
  supernet.dispose();
});
