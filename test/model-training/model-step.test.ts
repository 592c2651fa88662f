/**
 * The pieces `evo-nas train` trains a LayersModel with: top-k counting, weights in and out by
 * position (refusing another architecture's), and one step that learns and is reproducible.
 */
import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import t from 'tap';
import { Rng } from '../../src/random/rng.js';
import { countTopK, evaluateModel, modelTrainStep, modelVariables, modelWeights, setModelWeights } from '../../src/model-training/model-step.js';
import { Sgd } from '../../src/train/sgd.js';
import { buildModel, getArchitecture } from '../../src/zoo/index.js';
import { holds } from '../helpers/property.js';
import { tinyTask, useTestBackend } from '../helpers/tf.js';

await useTestBackend();

t.test('countTopK counts rows whose target class is among the k best logits, as sorting does', async (t) => {
  const rows = fc.array(fc.array(fc.float({ min: -10, max: 10, noNaN: true }), { minLength: 2, maxLength: 7 }), { minLength: 1, maxLength: 6 });
  holds(
    t,
    'equals the brute-force count',
    fc.property(rows, fc.nat(), fc.integer({ min: 1, max: 8 }), (ragged, targetSeed, k) => {
      const width = ragged[0]!.length;
      // Distinct logits per row, so ties cannot make the answer ambiguous.
      const logits = ragged.map((row) => Array.from({ length: width }, (_, j) => (row[j] ?? 0) + j * 1e-3));
      const targets = logits.map((_, i) => (targetSeed + i * 7) % width);
      const expected = logits.filter((row, i) => {
        const rank = row.filter((v) => v > row[targets[i]!]!).length;
        return rank < k;
      }).length;
      const got = tf.tidy(() => countTopK(tf.tensor2d(logits), tf.oneHot(tf.tensor1d(targets, 'int32'), width).toFloat() as tf.Tensor2D, k));
      return got === expected;
    }),
    { numRuns: 60 },
  );
});

t.test("setModelWeights refuses another architecture's weights, naming the first mismatch", async (t) => {
  const small = buildModel(getArchitecture('resnet20'), { classes: 4, inputShape: [8, 8, 3], seed: 1 });
  const other = buildModel(getArchitecture('resnet32'), { classes: 4, inputShape: [8, 8, 3], seed: 1 });
  const wider = buildModel(getArchitecture('resnet20'), { classes: 5, inputShape: [8, 8, 3], seed: 1 });
  t.throws(() => setModelWeights(small, modelWeights(other)), /has \d+ weight tensors; the saved weights have \d+/);
  t.throws(() => setModelWeights(small, modelWeights(wider)), /weight \d+ is .*\[64, 4\]; the saved one is .*\[64, 5\]/);
  const copy = buildModel(getArchitecture('resnet20'), { classes: 4, inputShape: [8, 8, 3], seed: 2 });
  setModelWeights(copy, modelWeights(small));
  t.same(modelWeights(copy).map((w) => Array.from(w.data)), modelWeights(small).map((w) => Array.from(w.data)), 'a round trip is exact');
  for (const m of [small, other, wider, copy]) m.dispose();
});

t.test('training steps lower the loss, and the same seed repeats them exactly (stochastic depth included)', async (t) => {
  const task = tinyTask(16, 16, 3, 3);
  const run = () => {
    const model = buildModel(getArchitecture('stochasticdepth18'), { classes: 4, inputShape: [16, 16, 3], seed: 5 });
    const variables = modelVariables(model);
    const optimizer = new Sgd(variables, { momentum: 0.9, weightDecay: 5e-4 });
    const losses = Array.from({ length: 6 }, (_, step) =>
      modelTrainStep(model, variables, optimizer, { x: task.x, targets: task.targets }, { step, lr: 0.02, labelSmoothing: 0.1, rng: Rng.fromSeed(9) }).loss,
    );
    optimizer.dispose();
    return { model, losses };
  };
  const before = tf.memory().numTensors;
  const first = run();
  t.ok(first.losses[5]! < first.losses[0]!, `the loss fell: ${first.losses.map((l) => l.toFixed(3)).join(' ')}`);
  const evaluation = await evaluateModel(first.model, [{ x: task.x.clone(), targets: task.targets.clone() }]);
  t.match(evaluation, { images: 16 });
  t.ok(evaluation.top1 <= evaluation.top5 && evaluation.top5 === 1, 'top-5 of 4 classes is every image');
  first.model.dispose();
  t.equal(tf.memory().numTensors, before, 'no tensor leaks');
  const second = run();
  t.same(second.losses, first.losses, 'bit-for-bit the same losses');
  second.model.dispose();
  tf.dispose([task.x, task.labels, task.targets]);
});
