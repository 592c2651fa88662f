import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import * as tf from '@tensorflow/tfjs';
import { Rng } from '../../src/random/rng.js';
import { genomeCost, getSpace, sampleGenome } from '../../src/space/index.js';
import { loadLayersModelFrom, saveLayersModelTo, subnetLayersModel } from '../../src/supernet/export.js';
import { evaluateSubnet } from '../../src/supernet/evaluate.js';
import { recalibrateBn } from '../../src/supernet/recalibrate.js';
import { Supernet } from '../../src/supernet/supernet.js';
import { relativeError, tinyTask, useTestBackend } from '../helpers/tf.js';

await useTestBackend();
const space = getSpace();
const dir = await mkdtemp(join(tmpdir(), 'evo-nas-export-'));
t.teardown(() => rm(dir, { recursive: true, force: true }));

t.test('an exported subnet loads with tf.loadLayersModel and predicts what the supernet does', async (t) => {
  const task = tinyTask(6, 8, 3, 1);
  for (const shortcut of ['always', 'needed'] as const) {
    const supernet = Supernet.create(space, { classes: 4, inputChannels: 3, shortcut }, Rng.fromSeed(11));
    const genome = sampleGenome(space, Rng.fromSeed(12));
    const statistics = recalibrateBn(supernet, genome, [task.x]);
    const target = join(dir, shortcut);
    await saveLayersModelTo(subnetLayersModel(supernet, genome, statistics, [8, 8, 3]), target);
    t.same((await readdir(target)).sort(), ['model.json', 'weights.bin']);
    const loaded = await loadLayersModelFrom(target);
    const error = tf.tidy(() => relativeError(loaded.predict(task.x) as tf.Tensor, supernet.forward(task.x, genome, { training: false, statistics })));
    // Two float32 paths through 19 layers (the supernet folds BN into each fused convolution, the
    // layers model runs convolution then BN), each Winograd F(4x4) convolution rounding ~5e-6
    // relative: measured 2.2e-5 for both shortcuts. A wrong BN epsilon alone (Keras's 1e-3 for our
    // 1e-5) gives 1e-1: checked.
    t.ok(error < 1e-4, `${shortcut}: predictions agree within 1e-4 (relative error ${error.toExponential(2)})`);
    const trainable = loaded.trainableWeights.reduce((n, w) => n + w.shape.reduce((a: number, b) => a * (b ?? 1), 1), 0);
    t.equal(trainable, genomeCost(genome, space, { classes: 4, shortcut }).params, 'its parameters are the cost model\'s');
    loaded.dispose();
    supernet.dispose();
  }
  t.same((await readdir(dir)).sort(), ['always', 'needed'], 'no staging folders left behind');
});

t.test('evaluation reports accuracy and loss over all images', async (t) => {
  const task = tinyTask(8, 8, 3, 2);
  const supernet = Supernet.create(space, { classes: 4, inputChannels: 3, shortcut: 'always' }, Rng.fromSeed(1));
  const genome = sampleGenome(space, Rng.fromSeed(2));
  const statistics = recalibrateBn(supernet, genome, [task.x]);
  const metrics = evaluateSubnet(supernet, genome, statistics, [{ x: task.x, labels: task.labels }, { x: task.x, labels: task.labels }]);
  t.equal(metrics.images, 16);
  const predicted = tf.tidy(() => supernet.forward(task.x, genome, { training: false, statistics }).argMax(1).dataSync());
  const labels = task.labels.dataSync();
  const accuracy = Array.from(predicted).filter((p, i) => p === labels[i]).length / 8;
  t.equal(metrics.accuracy, accuracy, 'accuracy counts the argmax hits');
  t.ok(metrics.loss > 0 && Number.isFinite(metrics.loss));
  supernet.dispose();
});
