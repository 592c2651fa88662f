import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import * as tf from '@tensorflow/tfjs';
import { loadDataset } from '../../src/data/load.js';
import { normaliseBatch } from '../../src/data/normalise.js';
import { gatherBatch } from '../../src/data/batches.js';
import { readRunView } from '../../src/report/run-view.js';
import { loadLayersModelFrom } from '../../src/supernet/export.js';
import { tempDir } from '../helpers/tmp.js';
import { useTestBackend } from '../helpers/tf.js';
import { fullTmpfs, tmpfsMissing } from '../helpers/tmpfs.js';

const bin = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));
// A tiny budget on the bundled dataset: 128 training images, 2 generations of 4.
const RUN = ['--supernet-epochs', '2', '--train-images', '128', '--batch-size', '32', '--validation-images', '64',
  '--recalibration-batches', '1', '--generations', '3', '--population', '4', '--workers', '1', '--seed', '7', '--sandwich', '1'];

/** Runs the CLI in a child process; `killOn` SIGKILLs it as soon as its output matches. */
function cli(args: string[], killOn?: RegExp): Promise<{ code: number | null; signal: string | null; out: string }> {
  return new Promise((resolveRun) => {
    // Tap's loaders make every worker thread start slowly; the CLI needs none of them.
    const child = spawn(process.execPath, [bin, ...args], { env: { ...process.env, NODE_OPTIONS: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const take = (chunk: Buffer) => {
      out += chunk.toString();
      if (killOn && killOn.test(out)) child.kill('SIGKILL');
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.on('close', (code, signal) => resolveRun({ code, signal, out }));
  });
}

const frontOf = async (runDir: string) => {
  const shown = await cli(['show', runDir, '--json']);
  // Each member: genome, hash, accuracy with its standard error, loss, params, MACs (no timings).
  return (JSON.parse(shown.out) as { front: { genome: string; accuracy: number; accuracyStandardError: number }[] }).front;
};

t.test('run, SIGKILL, resume, export, then load the exported model and predict', async (t) => {
  const dir = tempDir(t);
  const [killed, whole] = [join(dir, 'killed'), join(dir, 'whole')];

  const first = await cli(['run', '--run-dir', killed, ...RUN], /gen 1\/3/);
  t.equal(first.signal, 'SIGKILL', 'the first run was killed after its first generation');
  const resumed = await cli(['run', '--run-dir', killed, ...RUN]);
  t.equal(resumed.code, 0, 'the resumed run finishes', { output: resumed.out });
  t.match(resumed.out, /using the trained supernet v2/, 'the resumed run reuses the stored supernet');
  t.notMatch(resumed.out, /gen 1\/3/, 'and continues after the committed generation');

  const uninterrupted = await cli(['run', '--run-dir', whole, ...RUN]);
  t.equal(uninterrupted.code, 0, 'an uninterrupted run with the same settings finishes', { output: uninterrupted.out });
  const front = await frontOf(killed);
  t.ok(front.length > 0 && front.every((m) => m.accuracy > 0 && m.accuracyStandardError > 0), 'a front whose accuracies carry their standard errors');
  t.same(front, await frontOf(whole), 'the killed-and-resumed run ends with the same front, bit for bit');
  t.match((await cli(['show', killed])).out, /accuracy ± s\.e\.[\s\S]*\d+\.\d\d% ± \d+\.\d\d/, 'show prints each accuracy with its standard error');
  // Every supernet checkpoint keeps its epoch's training curve: 4 steps an epoch, sandwich of 3.
  const curve = readRunView(whole, 'whole').curve;
  t.same(curve.map((p) => [p.epoch, p.step]), [[1, 0], [1, 1], [1, 2], [1, 3], [2, 4], [2, 5], [2, 6], [2, 7]], 'the supernet curve: a point per step of both epochs');
  t.ok(curve.every((p) => p.largest > 0 && p.smallest !== null && p.random !== null && p.lr > 0), 'with the loss of every subnet kind and the learning rate');

  const zoo = join(dir, 'zoo');
  const exported = await cli(['export', killed, '--top', '1', '--to', zoo]);
  t.equal(exported.code, 0, 'export of the most accurate architecture succeeds', { output: exported.out });
  const name = /exported (\S+)/.exec(exported.out)?.[1] ?? '';
  const entry = JSON.parse(readFileSync(join(zoo, name, 'entry.json'), 'utf8'));
  t.match(entry, { name, kind: 'evo-nas-search', space: 'resnet20-cvpr2021', classes: 10, inputShape: [28, 28, 1], provenance: { supernetVersion: 2, seed: 7 } });
  t.equal(entry.accuracyStandardError, Math.sqrt((entry.metrics.accuracy * (1 - entry.metrics.accuracy)) / entry.validationImages), 'entry.json holds the accuracy standard error on its validation images');

  await useTestBackend();
  const model = await loadLayersModelFrom(join(zoo, name, 'model'));
  const dataset = await loadDataset('fashion-mnist-mini');
  const batch = normaliseBatch(gatherBatch(dataset.test, [0, 1, 2, 3], 10), dataset);
  const predictions = tf.tidy(() => (model.predict(tf.tensor4d(batch.data, [...batch.shape])) as tf.Tensor).softmax().arraySync() as number[][]);
  t.equal(predictions.length, 4);
  t.ok(predictions.every((row) => row.length === 10 && Math.abs(row.reduce((a, b) => a + b, 0) - 1) < 1e-4), 'class probabilities for each image');
  const listed = await cli(['zoo', 'list', '--entries', zoo, '--json']);
  t.match(JSON.parse(listed.out), [{ name, genome: entry.genome, provenance: { dataset: 'fashion-mnist-mini' } }], 'zoo list --entries shows the exported entry');
  const again = await cli(['export', killed, '--top', '1', '--to', zoo]);
  t.match(again.out, /skipped .*: it exists \(use --force to replace it\)/, 'an existing entry is not overwritten');
  model.dispose();

  await t.test('an export onto a full disk fails with one line and leaves no staging folder', { skip: tmpfsMissing }, async (t) => {
    const full = fullTmpfs(t);
    const failed = await cli(['export', killed, '--top', '1', '--to', full]);
    t.equal(failed.code, 2, 'exit 2', { output: failed.out });
    t.match(failed.out, /evo-nas: error: .*disk full/, 'says the disk is full');
    t.same(readdirSync(full), ['filler'], 'nothing left behind, no .partial folder');
  });

  // The exported entry retrains with evo-nas train from its inherited weights, survives a SIGKILL
  // after its first checkpoint, and the same command finishes it.
  const trainRun = join(dir, 'retrain');
  const retrain = ['train', '--model', join(zoo, name), '--dataset', 'fashion-mnist-mini', '--epochs', '2', '--train-images', '64',
    '--validation-images', '32', '--batch-size', '16', '--init', 'inherited', '--run-dir', trainRun];
  const killedTraining = await cli(retrain, /epoch 1\/2 .*checkpoint v1/);
  t.equal(killedTraining.signal, 'SIGKILL', 'training killed after its first epoch', { output: killedTraining.out });
  const finished = await cli(retrain);
  t.equal(finished.code, 0, 'the same command finishes it', { output: finished.out });
  t.match(finished.out, new RegExp(`resuming ${name} after epoch 1 of 2`));
  t.match(finished.out, new RegExp(`\\| ${name} \\| [\\d.]+M \\| [\\d.]+ \\| [\\d.]+% \\| [\\d.]+ \\| [\\d.]+% \\| SGD .*inherited weights.* \\| [\\d.]+ GiB \\|`), 'and prints its results row');
});
