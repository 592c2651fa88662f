/**
 * A zoo model saved to a directory loads back as the same model: same layer classes, same
 * weights, same predictions — and, for the stochastic layers, the same training-time draws from
 * the same stream. The subset covers every custom layer.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { Rng } from '../../src/random/rng.js';
import { buildModel, getArchitecture, loadModelDir, reseedStochasticLayers, saveModelDir, type Architecture } from '../../src/zoo/index.js';
import { channels } from '../../src/zoo/net.js';

await tf.setBackend('wasm');
const dir = await mkdtemp(join(tmpdir(), 'evo-nas-zoo-'));
t.teardown(() => rm(dir, { recursive: true, force: true }));

/** A small network using what the subset below does not: nearest resize, rescaling, a shared block. */
const plumbing: Architecture = {
  name: 'plumbing',
  family: 'test',
  paper: 'none',
  references: [{ repo: 'none', file: 'none', symbol: 'none' }],
  build: (net, input, classes) => {
    const x = net.convBnRelu(input, 8, 3);
    const block = net.child('shared').shared((n, y) => n.convBnRelu(y, channels(y), 3));
    const small = block(net.maxPool(x, 2));
    const back = net.scale(net.resize(block(small), [32, 32]), 0.5, 1);
    return net.head(net.add([x, back]), classes);
  },
};

const subset: Architecture[] = [
  'resnet20', // ChannelPad (option-A shortcut)
  'shufflenetg2', // GroupedConv2D, ChannelShuffle
  'shufflenetv2-kuangliu', // ChannelSlice, depthwise convs
  'shakeshake26_2x32d', // ShakeShake (custom gradient, seeded draws)
  'stochasticdepth18', // StochasticDepth, batch mode
  'efficientnetb0', // StochasticDepth per sample, swish, squeeze-excitation, dropout
  'vit', // Patches, ClassTokenPosition, MultiHeadAttention, TakeToken, LayerNormalization
].map(getArchitecture);

const images = tf.randomUniform([2, 32, 32, 3], 0, 1, 'float32', 21);

const trainingOutput = (model: tf.LayersModel) => tf.tidy(() => {
  reseedStochasticLayers(model, Rng.fromSeed(4).fork('replay'));
  return Array.from((model.apply(images, { training: true }) as tf.Tensor).dataSync());
});

for (const architecture of [...subset, plumbing]) {
  t.test(`${architecture.name} saves to a directory and loads back as the same model`, async (t) => {
    const model = buildModel(architecture, { classes: 10, seed: 8 });
    const target = join(dir, architecture.name);
    await saveModelDir(model, target);
    t.same((await readdir(target)).sort(), ['model.json', 'weights.bin']);
    const loaded = await loadModelDir(target);
    try {
      t.same(loaded.layers.map((l) => l.getClassName()), model.layers.map((l) => l.getClassName()), 'same layers');
      t.same(loaded.trainableWeights.map((w) => w.originalName), model.trainableWeights.map((w) => w.originalName), 'same weight names');
      const weightsEqual = model.getWeights().every((w, i) => tf.tidy(() => tf.all(tf.equal(w, loaded.getWeights()[i]!)).dataSync()[0] === 1));
      t.ok(weightsEqual, 'identical weights');
      const [a, b] = [model.predict(images) as tf.Tensor, loaded.predict(images) as tf.Tensor];
      t.same(Array.from(b.dataSync()), Array.from(a.dataSync()), 'identical predictions');
      tf.dispose([a, b]);
      t.same(trainingOutput(loaded), trainingOutput(model), 'identical training-mode outputs from the same stream');
    } finally {
      model.dispose();
      loaded.dispose();
    }
  });
}

t.test('saving over a saved model replaces it whole and leaves no temporary directory', async (t) => {
  const target = join(dir, 'replace');
  const first = buildModel(getArchitecture('resnet20'), { seed: 1 });
  const second = buildModel(getArchitecture('resnet20'), { seed: 2 });
  await saveModelDir(first, target);
  await saveModelDir(second, target);
  const loaded = await loadModelDir(target);
  const same = tf.tidy(() => tf.all(tf.equal(loaded.getWeights()[0]!, second.getWeights()[0]!)).dataSync()[0] === 1);
  t.ok(same, 'the second save won');
  t.same((await readdir(dir)).filter((name) => name.includes('.tmp-')), [], 'no temporary directories left');
  await t.rejects(loadModelDir(join(dir, 'missing')), /cannot read a saved model/);
  [first, second, loaded].forEach((m) => m.dispose());
});
