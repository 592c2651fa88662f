/**
 * A new run that fails before its search starts cleans up after itself, but never deletes a
 * committed supernet checkpoint; and an unreachable budget is refused before any training.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { runCommand } from '../../src/cli/commands/run.js';
import { runCli } from '../../src/cli/program.js';
import { PROBLEM_OPENERS, type ProblemOpener } from '../../src/problems/index.js';
import { Store, STORE_FILE } from '../../src/store/index.js';
import { tempDir } from '../helpers/tmp.js';

const silent = { log: () => {} };

t.test('a run that fails after committing a supernet checkpoint keeps its directory; one that committed nothing leaves none', async (t) => {
  const openers = PROBLEM_OPENERS as Record<string, ProblemOpener>;
  // An evaluator that checkpoints (as the supernet phase does after each epoch) and then fails.
  openers['test-checkpoint'] = async (_argument, _config, store) => {
    store.saveSupernet({ weights: [{ name: 'w', shape: [2], data: new Float32Array([1, 2]) }], training: { epoch: 1 } });
    throw new Error('disk full after epoch 1');
  };
  openers['test-fail'] = async () => {
    throw new Error('failed before training');
  };
  t.teardown(() => {
    delete openers['test-checkpoint'];
    delete openers['test-fail'];
  });
  const dir = tempDir(t);
  await t.rejects(runCommand({ evaluator: 'test-checkpoint', runDir: join(dir, 'trained') }, silent), /disk full after epoch 1/);
  t.ok(existsSync(join(dir, 'trained', STORE_FILE)), 'the store with the checkpoint is kept');
  const store = Store.open(join(dir, 'trained'), { readOnly: true });
  t.equal(store.latestSupernetVersion(), 1, 'and holds checkpoint v1');
  await store.close();

  await t.rejects(runCommand({ evaluator: 'test-fail', runDir: join(dir, 'untrained') }, silent), /failed before training/);
  t.notOk(existsSync(join(dir, 'untrained')), 'a run that committed nothing leaves no directory');
});

t.test('an unreachable budget is refused before the supernet trains', async (t) => {
  const runDir = join(tempDir(t), 'run');
  let out = '';
  let err = '';
  const code = await runCli(['run', '--max-params', '10', '--supernet-epochs', '1', '--train-images', '256', '--run-dir', runDir], { out: (s) => (out += s), err: (s) => (err += s) });
  t.equal(code, 2);
  t.match(err, /^evo-nas: error: no genome of space "\S+" fits max params 10: the smallest has \d+/);
  t.notMatch(out, /supernet epoch/, 'no epoch was trained');
  t.notOk(existsSync(runDir), 'and nothing is left behind');
});

t.test('--resume and a different --run-dir are refused, not silently ignored', async (t) => {
  const dir = tempDir(t);
  let err = '';
  const code = await runCli(['run', '--resume', join(dir, 'a'), '--run-dir', join(dir, 'b')], { out: () => {}, err: (s) => (err += s) });
  t.equal(code, 2);
  t.match(err, /^evo-nas: error: --resume \S+a and --run-dir \S+b name two directories; give only --resume/);
  t.notOk(existsSync(join(dir, 'a')) || existsSync(join(dir, 'b')), 'nothing is created');
});
