/**
 * A run killed during its supernet phase (the longest part of a run) is a run: `show` reports the
 * supernet's progress, the writer's pid while it runs and how to resume after a kill, and
 * `run --resume` continues from the last committed epoch. Real processes, tiny settings.
 */
import { join } from 'node:path';
import t from 'tap';
import { showRun } from '../../src/cli/commands/show.js';
import { startCli } from '../helpers/processes.js';
import { tempDir } from '../helpers/tmp.js';

const TINY = ['--train-images', '64', '--supernet-epochs', '3', '--batch-size', '32', '--validation-images', '32', '--generations', '1', '--population', '4', '--workers', '0', '--seed', '5'];

t.test('show and run --resume after a SIGKILL in the supernet phase', async (t) => {
  const runDir = join(tempDir(t), 'run');
  const run = startCli(t, ['run', ...TINY, '--run-dir', runDir]);
  t.ok(await run.waitFor(/^supernet epoch 1\/3 /), 'the first epoch is committed');

  // While it runs (read in-process: a second process could start after the run has moved on).
  const running = JSON.parse(await showRun(runDir, { json: true }));
  if (run.child.exitCode === null) {
    t.equal(running.status, 'running');
    t.equal(running.pid, run.child.pid, 'show names the writer by its pid');
  }
  t.ok(running.supernet.epoch >= 1, 'and the epochs trained so far');
  t.equal(running.supernet.epochs, 3);
  run.child.kill('SIGKILL');
  t.same((await run.exit)[1], 'SIGKILL');

  const shown = startCli(t, ['show', runDir]);
  t.same(await shown.exit, [0, null], 'show exits 0 on a run killed in its supernet phase');
  t.match(shown.output(), new RegExp(`^run \\S+: interrupted: resume with: evo-nas run --resume \\S+run, 0 generations committed`));
  t.match(shown.output(), /\nsupernet: [12] of 3 epochs trained \(checkpoint v[12]\); the search starts after epoch 3\n/);

  const resumed = startCli(t, ['run', '--resume', runDir]);
  t.same(await resumed.exit, [0, null], `run --resume continues it: ${resumed.output().slice(-300)}`);
  t.notMatch(resumed.output(), /^supernet epoch 1\/3 /m, 'without training epoch 1 again');
  t.match(resumed.output(), /^supernet epoch 3\/3 .*checkpoint v3$/m, 'it trains the rest');
  t.match(resumed.output(), /^gen 1\/1 /m, 'and searches');
  const done = JSON.parse(await showRun(runDir, { json: true }));
  t.equal(done.status, 'finished');
  t.same(done.supernet, { epoch: 3, epochs: 3, version: 3 });
});
