import t from 'tap';
import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { Rng } from '../../src/random/rng.js';
import { getSpace, sampleGenome, type Shortcut } from '../../src/space/index.js';
import { extractSubnet } from '../../src/supernet/extract.js';
import { recalibrateBn } from '../../src/supernet/recalibrate.js';
import { Supernet } from '../../src/supernet/supernet.js';
import { holds, seedArb } from '../helpers/property.js';
import { relativeError, tinyTask, useTestBackend } from '../helpers/tf.js';

await useTestBackend();
const space = getSpace();
const config = (shortcut: Shortcut) => ({ classes: 4, inputChannels: 3, shortcut });

t.test('the sliced forward pass equals the extracted subnet, for both shortcut conventions', async (t) => {
  const task = tinyTask(6, 8, 3, 1);
  for (const shortcut of ['always', 'needed'] as const) {
    const supernet = Supernet.create(space, config(shortcut), Rng.fromSeed(2));
    holds(t, `${shortcut}: sliced = extracted`, fc.property(seedArb, (seed) => {
      const genome = sampleGenome(space, Rng.fromSeed(seed));
      const statistics = recalibrateBn(supernet, genome, [task.x]);
      const subnet = extractSubnet(supernet, genome, statistics);
      const error = tf.tidy(() => relativeError(subnet.forward(task.x, genome, { training: false }), supernet.forward(task.x, genome, { training: false, statistics })));
      subnet.dispose();
      return error < 1e-6;
    }), { numRuns: 4 });
    supernet.dispose();
  }
});

t.test('a folded subnet gives the logits of forward on every batch, folds once, and frees its tensors on dispose', async (t) => {
  const supernet = Supernet.create(space, config('always'), Rng.fromSeed(5));
  const genome = sampleGenome(space, Rng.fromSeed(6));
  const batches = [7, 8, 9].map((seed) => tinyTask(4, 8, 3, seed).x);
  const statistics = recalibrateBn(supernet, genome, batches);
  for (const stats of [statistics, undefined]) {
    const before = tf.memory().numTensors;
    const subnet = supernet.folded(genome, stats);
    const held: number[] = [];
    for (const x of batches) {
      const [folded, forward] = [subnet.logits(x), supernet.forward(x, genome, { training: false, statistics: stats })];
      t.same(Array.from(folded.dataSync()), Array.from(forward.dataSync()), `${stats ? 'recalibrated' : 'running'} statistics: the same logits, bit for bit`);
      tf.dispose([folded, forward]);
      held.push(tf.memory().numTensors - before);
    }
    // Every convolution's filter and bias: 1 stem + 9 blocks x (2 + 1 projection, shortcut 'always').
    t.same(held, [2 * 28, 2 * 28, 2 * 28], 'folded at the first batch, reused by the next');
    subnet.dispose();
    t.equal(tf.memory().numTensors, before, 'dispose frees them');
    t.throws(() => subnet.logits(batches[0]!), /disposed/);
  }
  supernet.dispose();
});

t.test('recalibration estimates the batch statistics and leaves the supernet unchanged', async (t) => {
  const supernet = Supernet.create(space, config('always'), Rng.fromSeed(3));
  const before = supernet.getWeights().map((w) => Array.from(w.data).join());
  const genome = sampleGenome(space, Rng.fromSeed(4));
  const [a, b] = [tinyTask(5, 8, 3, 5), tinyTask(5, 8, 3, 6)];
  const statistics = recalibrateBn(supernet, genome, [a.x, b.x]);
  // The stem BN sees conv(x, W[..., :g0]); its estimate is the average of the two batch means.
  const expected = tf.tidy(() => {
    const filter = tf.slice(supernet.variable('stem.conv'), [0, 0, 0, 0], [3, 3, 3, genome[0] as number]) as tf.Tensor4D;
    const mean = (x: tf.Tensor4D) => tf.conv2d(x, filter, 1, 'same').mean([0, 1, 2]);
    return mean(a.x).add(mean(b.x)).div(2).dataSync();
  });
  const got = statistics.get('stem.bn')?.mean ?? new Float32Array();
  t.equal(got.length, genome[0]);
  t.ok(Array.from(got).every((m, c) => Math.abs(m - (expected[c] as number)) < 1e-5), 'stem mean is the average of batch means');
  t.equal(statistics.size, 1 + 9 * 3, 'one entry per BN layer of the subnet');
  t.same(supernet.getWeights().map((w) => Array.from(w.data).join()), before, 'supernet untouched');
  supernet.dispose();
});

t.test('weights round-trip as named float32 buffers, and the same seed builds the same supernet', async (t) => {
  const a = Supernet.create(space, config('needed'), Rng.fromSeed(7));
  const b = Supernet.create(space, config('needed'), Rng.fromSeed(7));
  const c = Supernet.create(space, config('needed'), Rng.fromSeed(8));
  const weights = a.getWeights();
  t.same(b.getWeights(), weights, 'same seed, same weights');
  t.not(c.getWeights()[0]?.data.join(), weights[0]?.data.join(), 'another seed, other weights');
  c.setWeights(weights);
  t.same(c.getWeights(), weights, 'setWeights then getWeights gives them back');
  const rebuilt = Supernet.fromWeights(space, config('needed'), weights);
  t.same(rebuilt.getWeights(), weights);
  for (const net of [a, b, c, rebuilt]) net.dispose();
});

t.test('mismatched weights are refused with what is wrong', async (t) => {
  const net = Supernet.create(space, config('always'), Rng.fromSeed(1));
  const weights = net.getWeights();
  t.throws(() => net.setWeights(weights.slice(1)), { message: /weights lack "stem.conv" \(shape 3x3x3x16\)/ });
  t.throws(() => net.setWeights([...weights, { name: 'extra', shape: [1], data: new Float32Array(1) }]), { message: /tensors the network does not have: extra/ });
  t.throws(() => net.setWeights(weights.map((w, i) => (i === 0 ? { ...w, shape: [3, 3, 3, 8] } : w))), { message: /"stem.conv" have shape 3x3x3x8 .*expected 3x3x3x16/ });
  t.throws(() => Supernet.fromWeights(getSpace('resnet32-widths'), config('always'), weights), { message: /weights "block3.conv1" have shape 3x3x16x32 .*expected 3x3x16x16/ }, "a deeper space has other shapes");
  net.dispose();
});
