import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { showRun } from '../../src/cli/commands/show.js';
import { Rng } from '../../src/random/rng.js';
import { Store } from '../../src/store/index.js';
import { CHANNEL_BENCH_RESNET } from '../../src/tabular/index.js';
import { writeGeneratedTable } from '../helpers/tables.js';
import { tempDir } from '../helpers/tmp.js';

const bin = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));
const GENERATIONS = 40;

/** Starts `evo-nas run` as a child process; `lines` counts the generation lines it has printed. */
function start(args: string[]): { child: ChildProcess; lines: () => number; waitForLine: (n: number) => Promise<boolean>; exit: Promise<[number | null, NodeJS.Signals | null]> } {
  // Without the test runner's NODE_OPTIONS: the CLI as a user starts it (and ten times faster).
  const child = spawn(process.execPath, [bin, 'run', ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_OPTIONS: '' } });
  let printed = 0;
  const waiting: { n: number; resolve: (ok: boolean) => void }[] = [];
  const exit = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    printed += (chunk.match(/^gen /gm) ?? []).length;
    for (const w of waiting.filter((w) => printed >= w.n)) w.resolve(true);
  });
  void exit.then(() => waiting.forEach((w) => w.resolve(false)));
  return {
    child,
    lines: () => printed,
    waitForLine: (n) => (printed >= n ? Promise.resolve(true) : new Promise((resolve) => waiting.push({ n, resolve }))),
    exit,
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What must come out identical: the front, and each generation's hypervolume and counts. */
async function result(runDir: string) {
  const shown = JSON.parse(await showRun(runDir, { json: true }));
  return { status: shown.status, front: shown.front, generations: shown.generations.map((g: Record<string, unknown>) => ({ ...g, seconds: 0 })) };
}

t.test('a run killed with SIGKILL at arbitrary points and resumed ends with the same Pareto front, bit for bit', async (t) => {
  const table = writeGeneratedTable(t, CHANNEL_BENCH_RESNET, 21);
  const dir = tempDir(t);
  // The worker count does not change results: the uninterrupted run uses a pool of 2, the
  // interrupted one alternates between evaluating in-process and a pool of 1.
  const args = (runDir: string, workers: number) => ['--evaluator', `table:${table}`, '--generations', String(GENERATIONS), '--population', '20', '--workers', String(workers), '--seed', '11', '--run-dir', join(dir, runDir)];

  const whole = start(args('whole', 2));
  t.same(await whole.exit, [0, null], 'the uninterrupted run finishes');

  // Kill points, seeded: one at a random moment soon after start (perhaps before any commit),
  // then after seeing generation lines at random places through the run.
  const plan = Rng.fromSeed(2024).fork('kill-plan');
  const afterLines = [...new Set(Array.from({ length: 4 }, () => 1 + plan.int(GENERATIONS - 2)))].sort((a, b) => a - b);
  const kills: ({ delayMs: number } | { afterLine: number })[] = [{ delayMs: plan.int(150) }, ...afterLines.map((afterLine) => ({ afterLine }))];
  let landed = 0;
  let finished = false;
  for (const [attempt, kill] of [...kills, undefined].entries()) {
    const before = committed(join(dir, 'killed'));
    const run = start(args('killed', attempt % 2));
    if (kill) {
      if ('delayMs' in kill) await sleep(kill.delayMs);
      else await run.waitForLine(Math.max(1, kill.afterLine - committed(join(dir, 'killed'))));
      run.child.kill('SIGKILL');
    }
    const [code, signal] = await run.exit;
    if (signal !== 'SIGKILL') {
      t.equal(code, 0, 'a run that was not killed finishes');
      finished = true;
      break;
    }
    const done = committed(join(dir, 'killed'));
    t.ok(done >= before + run.lines(), `killed with ${done} generations committed: every generation it reported is kept`);
    if (done < GENERATIONS) landed += 1;
  }
  t.ok(finished, 'the run finished in the end');
  t.ok(landed >= 3, `${landed} kills landed in the middle of the run`);

  const [a, b] = [await result(join(dir, 'whole')), await result(join(dir, 'killed'))];
  t.equal(b.status, 'finished');
  t.equal(b.generations.length, GENERATIONS);
  t.same(b.front, a.front, 'the same front, bit for bit');
  t.same(b.generations, a.generations, 'the same hypervolume and counts in every generation');
});

/** How many generations the run directory has committed (0 before its store exists). */
function committed(runDir: string): number {
  try {
    const store = Store.open(runDir, { readOnly: true });
    const index = store.lastGeneration()?.index ?? -1;
    void store.close();
    return index + 1;
  } catch {
    return 0;
  }
}

t.test('show reports a live run as running with its pid, and a killed one as interrupted', async (t) => {
  const table = writeGeneratedTable(t, CHANNEL_BENCH_RESNET, 22);
  const runDir = join(tempDir(t), 'live');
  const run = start(['--evaluator', `table:${table}`, '--generations', '1000000', '--population', '8', '--workers', '0', '--run-dir', runDir]);
  t.teardown(() => run.child.kill('SIGKILL'));
  t.ok(await run.waitForLine(2), 'the run is under way');
  t.match(JSON.parse(await showRun(runDir, { json: true })), { status: 'running', pid: run.child.pid });
  run.child.kill('SIGKILL');
  await run.exit;
  const text = await showRun(runDir, {});
  t.match(text, new RegExp(`^run ${runDir}: interrupted: resume with: evo-nas run --resume ${runDir}, \\d+ generations committed`));
});
