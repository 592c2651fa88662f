/**
 * The zoo's custom layers, each checked against a plain reference computation: grouped conv
 * against a dense conv with a block-diagonal kernel, the channel and token plumbing against index
 * arithmetic, attention against per-head softmax(q k^T) v, and the stochastic layers against
 * their definitions (draws in range, seeded, independent forward and backward coefficients).
 */
import t, { type Test } from 'tap';
import fc from 'fast-check';
import * as tf from '@tensorflow/tfjs';
import { Rng } from '../../src/random/rng.js';
import {
  ChannelPad,
  ChannelShuffle,
  ChannelSlice,
  GroupedConv2D,
  MultiHeadAttention,
  Patches,
  ResizeNearest,
  ShakeShake,
  StochasticDepth,
  TakeToken,
} from '../../src/zoo/layers/index.js';
import { holds } from '../helpers/property.js';

await tf.setBackend('cpu');

const close = (t: Test, actual: tf.Tensor, expected: tf.Tensor, message: string, tolerance = 1e-4) => {
  t.same(actual.shape, expected.shape, `${message}: shape`);
  const gap = tf.tidy(() => tf.max(tf.abs(tf.sub(actual, expected))).dataSync()[0]!);
  t.ok(gap <= tolerance, `${message}: largest difference ${gap}`);
};

t.test('a grouped conv equals a dense conv whose kernel is block-diagonal', async (t) => {
  holds(t, 'grouped = block-diagonal dense', fc.property(
    fc.record({
      groups: fc.constantFrom(1, 2, 3, 4),
      inPer: fc.integer({ min: 1, max: 3 }),
      outPer: fc.integer({ min: 1, max: 3 }),
      kernel: fc.constantFrom(1, 3),
      stride: fc.constantFrom(1, 2),
      padding: fc.constantFrom<'same' | 'valid'>('same', 'valid'),
      seed: fc.nat(1000),
    }),
    ({ groups, inPer, outPer, kernel, stride, padding, seed }) => tf.tidy(() => {
      const layer = new GroupedConv2D({
        filters: groups * outPer, kernelSize: [kernel, kernel], strides: [stride, stride], padding, groups, useBias: false,
        kernelInit: { kind: 'he', seed },
      });
      const x = tf.randomNormal([2, 6, 5, groups * inPer], 0, 1, 'float32', seed);
      const y = layer.apply(x) as tf.Tensor;
      const grouped = layer.getWeights()[0]!;
      // Dense kernel [k, k, in, out]: zero except input group g -> output group g.
      const blocks = tf.split(grouped, groups, 3).map((block, g) =>
        tf.pad(block, [[0, 0], [0, 0], [g * inPer, (groups - g - 1) * inPer], [0, 0]]));
      const dense = tf.conv2d(x as tf.Tensor4D, tf.concat(blocks, 3) as tf.Tensor4D, stride, padding);
      const same = tf.max(tf.abs(tf.sub(y, dense))).dataSync()[0]! < 1e-4;
      layer.dispose();
      return same && y.shape[3] === groups * outPer;
    }),
  ), { numRuns: 25 });
});

t.test('channel pad, slice and shuffle move channels as their definitions say', async (t) => {
  const x = tf.tensor4d(Array.from({ length: 6 }, (_, i) => i + 1), [1, 1, 1, 6]);
  const pad = new ChannelPad({ before: 2, after: 1 }).apply(x) as tf.Tensor;
  t.same(Array.from(pad.dataSync()), [0, 0, 1, 2, 3, 4, 5, 6, 0]);
  const slice = new ChannelSlice({ begin: 1, size: 3 }).apply(x) as tf.Tensor;
  t.same(Array.from(slice.dataSync()), [2, 3, 4]);
  // 6 channels as 2 groups of 3: [1 2 3 | 4 5 6] -> [1 4 2 5 3 6].
  const shuffled = new ChannelShuffle({ groups: 2 }).apply(x) as tf.Tensor;
  t.same(Array.from(shuffled.dataSync()), [1, 4, 2, 5, 3, 6]);
  t.same(new ChannelShuffle({ groups: 3 }).computeOutputShape([null, 4, 4, 6]), [null, 4, 4, 6]);
});

t.test('patches are taken row by row, pixels row by row, channels last', async (t) => {
  const [h, w, c, p] = [4, 6, 2, 2];
  const x = tf.tensor4d(Array.from({ length: h * w * c }, (_, i) => i), [1, h, w, c]);
  const patches = new Patches({ size: p }).apply(x) as tf.Tensor;
  t.same(patches.shape, [1, (h / p) * (w / p), p * p * c]);
  const values = patches.arraySync() as number[][][];
  const pixel = (row: number, col: number, ch: number) => (row * w + col) * c + ch;
  let ok = true;
  for (let pr = 0; pr < h / p; pr++) for (let pc = 0; pc < w / p; pc++) for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) for (let k = 0; k < c; k++) {
    ok &&= values[0]![pr * (w / p) + pc]![(i * p + j) * c + k] === pixel(pr * p + i, pc * p + j, k);
  }
  t.ok(ok, 'every element where the definition puts it');
  t.throws(() => new Patches({ size: 4 }).computeOutputShape([null, 6, 6, 3]), /does not split into 4x4 patches/);
  const token = new TakeToken({ index: 1 }).apply(tf.tensor3d([[[1, 2], [3, 4], [5, 6]]])) as tf.Tensor;
  t.same(token.arraySync(), [[3, 4]]);
});

t.test('nearest resize picks source index floor(i * in / out), as PyTorch does', async (t) => {
  const x = tf.tensor4d([0, 1, 2], [1, 1, 3, 1]);
  const up = new ResizeNearest({ size: [1, 7] }).apply(x) as tf.Tensor;
  t.same(Array.from(up.dataSync()), [0, 0, 0, 1, 1, 2, 2]);
  const down = new ResizeNearest({ size: [1, 2] }).apply(x) as tf.Tensor;
  t.same(Array.from(down.dataSync()), [0, 1]);
});

t.test('multi-head attention is per-head softmax(q k^T * scale) v, heads concatenated', async (t) => {
  const [batch, tokens, features, heads] = [2, 5, 6, 3];
  const [q, k, v] = [1, 2, 3].map((seed) => tf.randomNormal([batch, tokens, features], 0, 1, 'float32', seed) as tf.Tensor3D) as [tf.Tensor3D, tf.Tensor3D, tf.Tensor3D];
  const scale = 0.37;
  const out = new MultiHeadAttention({ heads, scale }).apply([q, k, v]) as tf.Tensor;
  const width = features / heads;
  const perHead = Array.from({ length: heads }, (_, h) => {
    const part = (x: tf.Tensor3D) => tf.slice(x, [0, 0, h * width], [batch, tokens, width]);
    return tf.matMul(tf.softmax(tf.mul(tf.matMul(part(q), part(k), false, true), scale)), part(v));
  });
  close(t, out, tf.concat(perHead, 2), 'attention');
});

t.test('shake-shake: random convex forward weights, independent backward weights, 0.5 at inference', async (t) => {
  const layer = new ShakeShake({ seed: 7, name: 'shake' });
  const a = tf.randomNormal([6, 2, 2, 3], 0, 1, 'float32', 1);
  const b = tf.randomNormal([6, 2, 2, 3], 0, 1, 'float32', 2);
  close(t, layer.call([a, b], { training: false }), tf.mul(tf.add(a, b), 0.5), 'inference averages the branches');

  // y = alpha a + (1 - alpha) b, so alpha = (y - b) / (a - b): one alpha per sample, in [0, 1].
  const { value, grads } = tf.valueAndGrads((x1: tf.Tensor, x2: tf.Tensor) => tf.sum(tf.mul(layer.call([x1, x2], { training: true }), 1)))([a, b]);
  layer.reseed(Rng.fromSeed(3).fork('again'));
  const y = layer.call([a, b], { training: true });
  const alpha = tf.div(tf.sub(y, b), tf.sub(a, b)).arraySync() as number[][][][];
  const perSample = alpha.map((sample) => sample.flat(2));
  t.ok(perSample.every((s) => s.every((v) => Math.abs(v - s[0]!) < 1e-3)), 'one alpha per sample');
  t.ok(perSample.every((s) => s[0]! >= 0 && s[0]! <= 1), 'alpha in [0, 1]');
  t.ok(new Set(perSample.map((s) => s[0]!.toFixed(4))).size > 1, 'alphas differ between samples');
  t.ok(Number.isFinite(value.dataSync()[0]!));
  // dy = 1: d/da = beta, d/db = 1 - beta, one beta per sample, not the forward's alpha.
  const [da, db] = grads as [tf.Tensor, tf.Tensor];
  close(t, tf.add(da, db), tf.onesLike(da), 'the backward weights sum to one');
  const beta = (da.arraySync() as number[][][][]).map((s) => s.flat(2));
  t.ok(beta.every((s) => s.every((v) => Math.abs(v - s[0]!) < 1e-6) && s[0]! >= 0 && s[0]! <= 1), 'one beta in [0, 1] per sample');
});

t.test('shake-shake draws are seeded: same seed, same draws; reseeding replays them', async (t) => {
  const a = tf.randomNormal([4, 2, 2, 1], 0, 1, 'float32', 1);
  const b = tf.randomNormal([4, 2, 2, 1], 0, 1, 'float32', 2);
  const draw = (layer: ShakeShake) => Array.from(layer.call([a, b], { training: true }).dataSync());
  const [one, two, other] = [new ShakeShake({ seed: 5, name: 's' }), new ShakeShake({ seed: 5, name: 's' }), new ShakeShake({ seed: 6, name: 's' })];
  t.same(draw(one), draw(two));
  t.not(draw(one).join(), draw(other).join());
  one.reseed(Rng.fromSeed(1).fork('step-3'));
  const first = draw(one);
  one.reseed(Rng.fromSeed(1).fork('step-3'));
  t.same(draw(one), first);
});

t.test('stochastic depth (batch mode): whole-batch gate while training, survival-scaled at inference', async (t) => {
  const shortcut = tf.ones([3, 2, 2, 1]);
  const residual = tf.fill([3, 2, 2, 1], 2);
  const layer = new StochasticDepth({ survival: 0.75, mode: 'batch', seed: 9, name: 'drop' });
  t.same(Array.from(layer.call([shortcut, residual], {}).dataSync()), Array(12).fill(2.5), 'inference: 1 + 0.75 * 2');
  let kept = 0;
  const draws = 400;
  for (let i = 0; i < draws; i++) {
    const out = new Set(layer.call([shortcut, residual], { training: true }).dataSync());
    t.ok(out.size === 1 && (out.has(1) || out.has(3)), 'all samples dropped or all kept');
    if (out.has(3)) kept++;
  }
  t.ok(Math.abs(kept / draws - 0.75) < 0.08, `kept ${kept} of ${draws} (survival 0.75)`);
});

t.test('stochastic depth (sample mode): per-sample drop connect scaled by 1 / survival, identity at inference', async (t) => {
  const shortcut = tf.zeros([64, 1, 1, 2]);
  const residual = tf.ones([64, 1, 1, 2]);
  const layer = new StochasticDepth({ survival: 0.5, mode: 'sample', seed: 3, name: 'dc' });
  t.same(Array.from(layer.call([shortcut, residual], {}).dataSync()), Array(128).fill(1));
  const values = layer.call([shortcut, residual], { training: true }).arraySync() as number[][][][];
  const perSample = values.map((s) => s.flat(2));
  t.ok(perSample.every((s) => s[0] === s[1] && (s[0] === 0 || s[0] === 2)), 'each sample 0 or 1 / 0.5');
  const kept = perSample.filter((s) => s[0] === 2).length;
  t.ok(kept > 16 && kept < 48, `${kept} of 64 samples kept`);
});
