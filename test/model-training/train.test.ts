/**
 * `evo-nas train`: a zoo model and an exported search entry train, checkpoint every epoch and,
 * after a crash, resume to exactly what an uninterrupted run ends with.
 */
import { readFile } from 'node:fs/promises';
import * as tf from '@tensorflow/tfjs';
import t from 'tap';
import { runCli } from '../../src/cli/program.js';
import { trainingSettings, type TrainCommandOptions } from '../../src/cli/commands/train.js';
import { trainModel, trainingProgress } from '../../src/model-training/job.js';
import { Store } from '../../src/store/store.js';
import { getSpace, parseGenome } from '../../src/space/index.js';
import { loadLayersModelFrom } from '../../src/supernet/export.js';
import { buildModel, resolveModel } from '../../src/zoo/index.js';
import { modelWeights, setModelWeights } from '../../src/model-training/model-step.js';
import { writeSearchEntry } from '../helpers/entries.js';
import { useTestBackend } from '../helpers/tf.js';
import { tempDir } from '../helpers/tmp.js';

await useTestBackend();

async function cli(...argv: string[]) {
  let [out, err] = ['', ''];
  const code = await runCli(argv, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

/** The flags as commander would give them, for a small quick run. */
const quick = (model: string, extra: Partial<TrainCommandOptions> = {}): TrainCommandOptions => ({
  model,
  dataset: 'fashion-mnist-mini',
  recipe: 'cifar10',
  epochs: 2,
  batchSize: 16,
  lr: 0.05,
  labelSmoothing: 0,
  validation: 'test',
  init: 'random',
  trainImages: 48,
  validationImages: 40,
  seed: 7,
  // Shards on this thread: data-parallel.test.ts covers worker threads.
  workers: 0,
  ...extra,
});

class Crash extends Error {}

/** Trains in `runDir`, throwing (like a killed process) once `crashAfter` epochs are checkpointed. */
async function trainIn(runDir: string, options: TrainCommandOptions, crashAfter?: number, lines: string[] = []) {
  const store = Store.open(runDir);
  try {
    return await trainModel(store, trainingSettings(options), {
      workers: options.workers ?? 0,
      log: (line) => {
        lines.push(line);
        if (crashAfter !== undefined && lines.filter((l) => l.startsWith('epoch ')).length === crashAfter) throw new Crash('killed');
      },
    });
  } finally {
    await store.close();
  }
}

function finalWeights(runDir: string): Float32Array[] {
  const store = Store.open(runDir, { readOnly: true });
  try {
    return store.getWeights(store.getCheckpoint()!.weights).map((w) => w.data.slice());
  } finally {
    void store.close();
  }
}

t.test('a zoo model trains two epochs and, killed after the first, resumes to the same weights', async (t) => {
  const options = quick('resnet20', { cutout: '8', mixup: '0.2', milestones: [1], gamma: 0.5 });
  const whole = tempDir(t);
  const result = await trainIn(whole, options);
  t.equal(result.history.length, 2, 'one report per epoch');
  t.match(result, { network: 'resnet20', params: 269_722 - 3 * 16 * 9 + 1 * 16 * 9, dataset: 'fashion-mnist-mini', epochs: 2 });
  for (const e of result.history) {
    t.ok(Number.isFinite(e.trainLoss) && e.valTop1 >= 0 && e.valTop1 <= e.valTop5 && e.valTop5 <= 1, `epoch ${e.epoch} reports sane figures`);
  }
  t.ok(result.peakMemoryBytes > 0, 'peak memory is measured');
  t.match(result.hyperParameters, /lr 0\.05 x0\.5 at 1, 2 epochs, batch 16, .*Cutout 8, Mixup α=0\.2/);

  const crashed = tempDir(t);
  await t.rejects(trainIn(crashed, options, 1), { message: 'killed' });
  const store = Store.open(crashed, { readOnly: true });
  t.equal(trainingProgress(store.getCheckpoint())?.epoch, 1, 'the first epoch was checkpointed before the crash');
  await store.close();
  const lines: string[] = [];
  const resumed = await trainIn(crashed, options, undefined, lines);
  t.match(lines[0], /^resuming resnet20 after epoch 1 of 2 \(checkpoint v1\)$/, 'it resumed rather than started over');
  t.equal(lines.filter((l) => l.startsWith('epoch ')).length, 1, 'and trained only the second epoch');
  t.same(resumed.history.map((e) => e.trainLoss), result.history.map((e) => e.trainLoss), 'the same losses, epoch by epoch');
  t.same(finalWeights(crashed), finalWeights(whole), 'and the same final weights, bit for bit');

  const again = await cli('train', '--model', 'resnet20', '--dataset', 'fashion-mnist-mini', '--epochs', '2', '--batch-size', '16', '--lr', '0.05', '--train-images', '48',
    '--validation-images', '40', '--seed', '7', '--cutout', '8', '--mixup', '0.2', '--milestones', '1', '--gamma', '0.5', '--run-dir', whole);
  t.equal(again.code, 0, 'the finished run, asked again, only reports');
  t.match(again.out, /finished training resnet20 \(2 epochs\); showing its results/);
  const [header, rule, row] = again.out.trim().split('\n').slice(-3);
  t.equal(header, '| network | params | train loss | train top-1 | val loss | val top-1 | hyper-parameters | peak memory |', "the results row has the seed's columns");
  t.equal(rule, '| --- | --- | --- | --- | --- | --- | --- | --- |');
  const last = result.history[1]!;
  t.match(row, new RegExp(`^\\| resnet20 \\| 0\\.27M \\| ${last.trainLoss.toFixed(4)} \\| ${(last.trainTop1 * 100).toFixed(2)}% \\| ${last.valLoss.toFixed(4)} \\| ${(last.valTop1 * 100).toFixed(2)}% \\| SGD 0\\.9, .* \\| \\d+\\.\\d\\d GiB \\|$`));
});

t.test('an exported search entry retrains and resumes, from scratch or from its inherited weights', async (t) => {
  const space = getSpace();
  const genome = parseGenome('8-8-4-8-4-8-4-16-8-16-8-16-8-32-16-32-16-32-16', space);
  const entry = await writeSearchEntry(tempDir(t), { space, genome, shortcut: 'always', classes: 10, inputShape: [28, 28, 1] });

  const source = resolveModel(entry);
  t.equal(source.kind, 'entry', 'the folder resolves through the zoo registry as an entry');
  const shown = await cli('zoo', 'show', entry, '--json');
  const cost = JSON.parse(await readFile(`${entry}/entry.json`, 'utf8')).metrics;
  t.match(JSON.parse(shown.out), { name: entry, family: 'evo-nas-search', classes: 10, inputShape: [28, 28, 1], params: cost.params, macs: cost.macs }, 'zoo show prices it as the search did');
  // Inherited weights go into the zoo-built architecture and predict what the exported model does.
  const exported = await loadLayersModelFrom(`${entry}/model`);
  const built = buildModel(source.architecture, { classes: 10, inputShape: [28, 28, 1], seed: 1 });
  setModelWeights(built, modelWeights(exported), false);
  const x = tf.randomUniform([3, 28, 28, 1], -1, 1, 'float32', 4);
  const gap = tf.tidy(() => (built.predict(x) as tf.Tensor).sub(exported.predict(x) as tf.Tensor).abs().max().dataSync()[0]!);
  t.ok(gap < 1e-4, `the rebuilt entry predicts as the exported one (max difference ${gap.toExponential(2)})`);
  tf.dispose([x]);
  built.dispose();
  exported.dispose();

  for (const init of ['random', 'inherited'] as const) {
    const runDir = tempDir(t);
    const args = ['train', '--model', entry, '--dataset', 'fashion-mnist-mini', '--epochs', '2', '--batch-size', '16', '--train-images', '32', '--validation-images', '32', '--init', init, '--seed', '7', '--lr', '0.05', '--run-dir', runDir, '--no-crop-flip', '--json'];
    const options = quick(entry, { init, trainImages: 32, validationImages: 32, cropFlip: false });
    await t.rejects(trainIn(runDir, options, 1), { message: 'killed' }, `${init}: killed after the first epoch`);
    const run = await cli(...args);
    t.equal(run.code, 0, `${init}: the same command resumes it (${run.err.split('\n').slice(-3).join(' ')})`);
    t.match(run.err, /resuming searched-entry after epoch 1 of 2/);
    const result = JSON.parse(run.out);
    t.match(result, { network: 'searched-entry', epochs: 2, hyperParameters: init === 'inherited' ? /inherited weights/ : /^SGD/ });
    t.equal(result.history.length, 2);
  }
  t.match(await cli('train', '--model', entry, '--dataset', 'synthetic', '--init', 'inherited', '--run-dir', tempDir(t)), {
    code: 2,
    err: /was searched for 28x28x1 images and 10 classes; synthetic has 32x32x3 and 10: its inherited weights cannot be used/,
  });
});

t.test('bad requests say what is wrong and what is allowed', async (t) => {
  const runDir = tempDir(t);
  const base = ['train', '--dataset', 'fashion-mnist-mini', '--run-dir', runDir];
  t.match(await cli(...base, '--model', 'resnet21'), { code: 2, err: /unknown architecture "resnet21": did you mean resnet20/ });
  t.match(await cli(...base, '--model', './no-such-entry'), { code: 2, err: /no zoo entry folder .*no-such-entry/ });
  t.match(await cli(...base, '--model', 'resnet20', '--init', 'inherited'), { code: 2, err: /--init inherited needs an exported search entry/ });
  t.match(await cli(...base, '--model', 'resnet20', '--epochs', '3', '--warmup-epochs', '3'), { code: 2, err: /--warmup-epochs 3 must be fewer than --epochs 3/ });
  t.match(await cli(...base, '--model', 'resnet20', '--epochs', '10', '--milestones', '5,12'), { code: 2, err: /--milestones must be rising whole epochs from 1 to 9/ });
  t.match(await cli(...base, '--model', 'resnet20', '--milestones', '60,30'), { code: 2, err: /rising whole numbers/ });
  t.match(await cli(...base, '--model', 'resnet20', '--schedule', 'cosine', '--milestones', '30'), { code: 2, err: /--milestones belong to the step schedule/ });
  t.match(await cli(...base, '--model', 'resnet20', '--randaugment', '2'), { code: 2, err: /--randaugment must be N,M/ });
  t.match(await cli('train', '--model', 'resnet20'), { code: 2, err: /required option '--dataset <name>'/ });

  await trainIn(runDir, quick('resnet20', { epochs: 1, trainImages: 16, validationImages: 16 }));
  t.match(await cli(...base, '--model', 'resnet20', '--epochs', '1', '--batch-size', '16', '--train-images', '16', '--validation-images', '16', '--seed', '8'), {
    code: 2,
    err: /holds a training with other settings \(seed: 7, asked 8.*\); use another --run-dir/,
  });
});

t.test('train --help shows the recipes and an example', async (t) => {
  const help = await cli('train', '--help');
  t.equal(help.code, 0);
  t.match(help.out, /cifar100\s+CIFAR-100 table: SGD 0\.9, wd 5e-4, lr 0\.1 x0\.2 at epochs 60\/120\/160/);
  t.match(help.out, /--cutout <size>/);
  t.match(help.out, /--randaugment <n,m>/);
});
