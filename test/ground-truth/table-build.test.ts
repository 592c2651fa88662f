/**
 * `evo-nas table build`: a build killed with SIGKILL after its first finished training and run
 * again with the same command ends with the table an uninterrupted build (with another worker
 * count) writes, byte for byte; a build grows to more seeds; a resume with other settings is
 * refused.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { buildTableJob, SETTINGS_RECORD } from '../../src/ground-truth/build.js';
import { buildPlan } from '../../src/ground-truth/plan.js';
import { tableBuildSettings, type TableBuildOptions } from '../../src/cli/commands/table-build.js';
import { Store } from '../../src/store/store.js';
import { tinyBuild } from '../helpers/table-builds.js';
import { tempDir } from '../helpers/tmp.js';

const bin = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));

/** Runs the CLI; `killAfter` sends SIGKILL once that many trainings have been reported. */
async function run(args: string[], killAfter?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string }> {
  // Without the test runner's NODE_OPTIONS: the CLI as a user starts it.
  const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_OPTIONS: '' } });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
    if (killAfter !== undefined && (out.match(/^\d+\/4 /gm) ?? []).length >= killAfter) child.kill('SIGKILL');
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  const [code, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
  return { code, signal, out };
}

t.test('a build killed after its first training and run again writes the table an uninterrupted build writes', async (t) => {
  const dir = tempDir(t);
  // Worker counts differ (in this thread, then a pool of 1): results must not depend on them.
  const whole = await run(tinyBuild(join(dir, 'whole'), join(dir, 'whole.json'), 0));
  t.equal(whole.code, 0, whole.code === 0 ? 'the uninterrupted build finishes' : whole.out);
  const table = JSON.parse(readFileSync(join(dir, 'whole.json'), 'utf8')) as Record<string, { acc: number[]; mean: number; params: number }>;
  const entries = Object.entries(table);
  t.equal(entries.length, 2, 'two architectures');
  t.equal(entries[0]![0], Array(19).fill(4).join('-'), 'the smallest genome first');
  t.equal(entries[1]![0], '16-16-16-16-16-16-16-32-32-32-32-32-32-64-64-64-64-64-64', 'the largest genome last');
  t.ok(entries.every(([, e]) => e.acc.length === 2 && e.acc.every((a) => a >= 0 && a <= 100)), 'two accuracies in percent each');
  t.ok(entries[0]![1].params < entries[1]![1].params, 'rising parameters');

  const killedArgs = tinyBuild(join(dir, 'killed'), join(dir, 'killed.json'), 1);
  const killed = await run(killedArgs, 1);
  t.equal(killed.signal, 'SIGKILL', 'the first run was killed');
  const resumed = await run(killedArgs);
  t.equal(resumed.code, 0, resumed.code === 0 ? 'the resumed build finishes' : resumed.out);
  const stored = Number(/: (\d) of 4 trainings stored/.exec(resumed.out)?.[1]);
  t.ok(stored >= 1 && stored < 4, `the resumed build found ${stored} trainings stored and trained the rest`);
  t.equal(readFileSync(join(dir, 'killed.json'), 'utf8'), readFileSync(join(dir, 'whole.json'), 'utf8'), 'the same table, byte for byte');
});

t.test('a build grown from 1 to 2 seeds trains only the new seed and writes the table a 2-seed build writes; fewer seeds are refused', async (t) => {
  const dir = tempDir(t);
  const withSeeds = (runDir: string, out: string, seeds: number) => tinyBuild(runDir, out, 0).map((arg, i, all) => (all[i - 1] === '--seeds' ? String(seeds) : arg));
  const whole = await run(withSeeds(join(dir, 'whole'), join(dir, 'whole.json'), 2));
  t.equal(whole.code, 0, whole.code === 0 ? 'a 2-seed build finishes' : whole.out);
  const first = await run(withSeeds(join(dir, 'grown'), join(dir, 'one.json'), 1));
  t.equal(first.code, 0, first.code === 0 ? 'a 1-seed build finishes' : first.out);
  const grown = await run(withSeeds(join(dir, 'grown'), join(dir, 'grown.json'), 2));
  t.equal(grown.code, 0, grown.code === 0 ? 'the same build grown to 2 seeds finishes' : grown.out);
  t.match(grown.out, /growing the build from 1 to 2 seeds per architecture/);
  t.match(grown.out, /: 2 of 4 trainings stored/, 'the first seed of each architecture is kept, not trained again');
  t.equal(readFileSync(join(dir, 'grown.json'), 'utf8'), readFileSync(join(dir, 'whole.json'), 'utf8'), 'the same table as a 2-seed build, byte for byte');
  const fewer = await run(withSeeds(join(dir, 'grown'), join(dir, 'fewer.json'), 1));
  t.equal(fewer.code, 2, 'fewer seeds than stored are refused');
  t.match(fewer.out, /holds a build of 2 seeds per architecture; --seeds 1 would leave stored trainings out/);
});

t.test('a build refuses a run directory holding a build with other settings, naming the difference', async (t) => {
  const runDir = tempDir(t);
  const options = (epochs: number): TableBuildOptions => ({
    space: 'resnet20-cvpr2021', architectures: 3, seeds: 1, dataset: 'synthetic', recipe: 'cifar10', epochs, labelSmoothing: 0,
    validation: 'test', seed: 0, out: join(runDir, 'x.json'), taskTimeout: 1, attempts: 1,
  });
  const store = Store.open(runDir);
  store.putMeta(SETTINGS_RECORD, JSON.parse(JSON.stringify(tableBuildSettings(options(1)))));
  await store.close();
  const job = (epochs: number, partial: boolean) =>
    buildTableJob({ settings: tableBuildSettings(options(epochs)), runDir, out: join(runDir, 'x.json'), workers: 0, taskTimeoutMinutes: 1, attempts: 1, partial }, { log: () => undefined });
  await t.rejects(job(2, false), { name: 'InputError', message: /holds a table build with other settings \(epochs: 1, asked 2\)/ });
  await t.rejects(job(2, true), { name: 'InputError', message: /epochs: 1, asked 2/ });
  t.match(await job(1, true), /wrote .*x\.json \(partial\): 0 of 3 architectures, 0 of 3 trainings/, 'the same settings write a partial (here empty) table');
});

t.test('the plan is architecture-major: a partial build holds every seed of its finished architectures', (t) => {
  const settings = tableBuildSettings({
    space: 'resnet20-cvpr2021', architectures: 3, seeds: 2, dataset: 'synthetic', recipe: 'cifar10', epochs: 1, labelSmoothing: 0,
    validation: 'test', seed: 0, out: 'x.json', taskTimeout: 1, attempts: 1,
  });
  const plan = buildPlan(settings);
  t.equal(plan.tasks.length, 6, '3 architectures x 2 seeds');
  t.same(plan.tasks.map((task) => task.seedIndex), [0, 1, 0, 1, 0, 1], 'seeds alternate');
  t.same(plan.tasks.map((task) => plan.genomes.indexOf(task.genome)), [0, 0, 1, 1, 2, 2], 'each architecture trained with every seed before the next');
  t.end();
});
