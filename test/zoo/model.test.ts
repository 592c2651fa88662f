/**
 * Building a zoo model: seeded (same seed, same weights and names), any class count and input
 * shape the architecture can take, and named errors for the rest.
 */
import t from 'tap';
import * as tf from '@tensorflow/tfjs';
import { ZooError } from '../../src/errors/errors.js';
import { Rng } from '../../src/random/rng.js';
import { buildModel, getArchitecture, reseedStochasticLayers } from '../../src/zoo/index.js';

await tf.setBackend('cpu');

const firstKernel = (seed: number) => {
  const model = buildModel(getArchitecture('resnet20'), { seed });
  const values = Array.from(model.getWeights()[0]!.dataSync());
  const names = model.layers.map((l) => l.name);
  model.dispose();
  return { values, names };
};

t.test('the same seed builds the same weights and layer names; another seed other weights', async (t) => {
  const [a, b, c] = [firstKernel(1), firstKernel(1), firstKernel(2)];
  t.same(a, b);
  t.not(a.values.join(), c.values.join());
  t.same(a.names, c.names);
  t.match(a.names, ['input', 'conv1', 'bn1', 'relu1', 'layer1.0.conv1']);
  t.ok(a.values.some((v) => v !== 0), 'random weights are not zeros');
});

t.test('zero weights build the same shapes, for counting', async (t) => {
  const model = buildModel(getArchitecture('resnet20'), { weights: 'zeros' });
  t.ok(model.getWeights()[0]!.dataSync().every((v) => v === 0));
  model.dispose();
});

t.test('any class count and input shape the architecture can take', async (t) => {
  const fashion = buildModel(getArchitecture('resnet20'), { classes: 7, inputShape: [28, 28, 1], weights: 'zeros' });
  t.same(fashion.inputs[0]!.shape, [null, 28, 28, 1]);
  t.same(fashion.outputs[0]!.shape, [null, 7]);
  fashion.dispose();
  const wide = buildModel(getArchitecture('vit'), { classes: 3, inputShape: [16, 24, 3], weights: 'zeros' });
  t.same(wide.outputs[0]!.shape, [null, 3]);
  wide.dispose();
});

t.test('bad requests are named errors that say what and where', async (t) => {
  const resnet20 = getArchitecture('resnet20');
  t.throws(() => buildModel(resnet20, { classes: 0 }), new ZooError('resnet20: classes must be a whole number ≥ 1 (got 0)'));
  t.throws(() => buildModel(resnet20, { inputShape: [32, 32, 0] }), ZooError);
  t.throws(() => buildModel(getArchitecture('inceptionv4'), { inputShape: [4, 4, 3], weights: 'zeros' }), {
    name: 'ZooError',
    message: /^inceptionv4 needs a larger input than 4x4x3: its layer \S+ would output 0x0x\d+$/,
  });
  t.equal(tf.memory().numTensors, 0, 'the rejected model was disposed');
  t.throws(() => buildModel(getArchitecture('vit'), { inputShape: [30, 30, 3], weights: 'zeros' }), {
    name: 'ZooError',
    message: /^vit cannot be built for a 30x30x3 input with 10 classes: .*does not split into 4x4 patches/,
  });
  t.throws(() => getArchitecture('resnet21'), { name: 'ZooError', message: /unknown architecture "resnet21"/ });
  t.throws(() => getArchitecture('mobilenetv2'), {
    name: 'ZooError',
    message: '"mobilenetv2" has one definition per reference; pick one of: mobilenetv2-kuangliu, mobilenetv2-weiaicunzai',
  });
});

t.test('reseeding reaches every stochastic layer', async (t) => {
  const model = buildModel(getArchitecture('shakeshake26_2x32d'), { weights: 'zeros' });
  t.equal(reseedStochasticLayers(model, Rng.fromSeed(0)), 12, 'one shake-shake layer per block');
  model.dispose();
  const plain = buildModel(getArchitecture('resnet20'), { weights: 'zeros' });
  t.equal(reseedStochasticLayers(plain, Rng.fromSeed(0)), 0);
  plain.dispose();
});
