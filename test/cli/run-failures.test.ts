/**
 * Failed evaluations are reported, not hidden: their reasons appear in the generation lines,
 * `show` and its JSON, and a generation in which every evaluation failed stops the run (exit 1).
 */
import { join } from 'node:path';
import t from 'tap';
import { runCommand } from '../../src/cli/commands/run.js';
import { showRun } from '../../src/cli/commands/show.js';
import { runCli } from '../../src/cli/program.js';
import { PROBLEM_OPENERS, type ProblemOpener } from '../../src/problems/index.js';
import { toyProblem } from '../helpers/problems.js';
import { tempDir } from '../helpers/tmp.js';

const openers = PROBLEM_OPENERS as Record<string, ProblemOpener>;
// Only the largest genome (seeded into the first generation) evaluates; the others fail.
openers['test-some-fail'] = async () => toyProblem((genome) => genome[0] !== 32);
openers['test-all-fail'] = async () => toyProblem(() => true);
t.teardown(() => {
  delete openers['test-some-fail'];
  delete openers['test-all-fail'];
});

t.test('failures show in the generation lines, in show and in its JSON, with their reasons', async (t) => {
  const runDir = join(tempDir(t), 'run');
  const lines: string[] = [];
  await runCommand({ evaluator: 'test-some-fail', runDir, generations: 2, population: 4, workers: 0, seed: 1 }, { log: (line) => lines.push(line) });
  t.match(lines[0], /^gen 1\/2 .* [1-9] failed .* {2}failed: [1-9]× toy failure on \d+-\d+-\d+-\d+-\d+/, 'the first generation line gives the reasons');

  const shown = JSON.parse(await showRun(runDir, { json: true }));
  t.equal(shown.status, 'finished');
  const first = shown.generations[0];
  t.ok(first.failed > 0);
  t.equal(first.failures.reduce((n: number, f: { count: number }) => n + f.count, 0), first.failed, 'the JSON failures add up to the count');
  t.match(first.failures[0], { reason: /^toy failure on /, count: Number });
  const text = await showRun(runDir, {});
  t.match(text, /\nfailed evaluations:\n {2}gen 1: [1-9] failed: [1-9]× toy failure on /);
});

t.test('a generation in which every evaluation failed stops the run with exit 1 and the reason', async (t) => {
  const runDir = join(tempDir(t), 'run');
  let err = '';
  const code = await runCli(['run', '--evaluator', 'test-all-fail', '--run-dir', runDir, '--generations', '3', '--population', '4', '--workers', '0'], { out: () => {}, err: (s) => (err += s) });
  t.equal(code, 1);
  t.match(err, /^evo-nas: failed: every evaluation of generation 1 failed \(4 of 4\): 1× toy failure on [\d-]+; 1× .*resume the run\n$/);
  const shown = JSON.parse(await showRun(runDir, { json: true }));
  t.match(shown, { status: 'failed', reason: /every evaluation of generation 1 failed/ }, 'show says why the run stopped');
  t.equal(shown.generations.length, 0, 'nothing was committed');
});
