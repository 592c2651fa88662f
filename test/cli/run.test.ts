import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { runCommand } from '../../src/cli/commands/run.js';
import { showRun } from '../../src/cli/commands/show.js';
import { runCli } from '../../src/cli/program.js';
import { Store } from '../../src/store/index.js';
import { CHANNEL_BENCH_RESNET } from '../../src/tabular/index.js';
import { writeGeneratedTable } from '../helpers/tables.js';
import { tempDir } from '../helpers/tmp.js';

/** Runs the CLI in-process and collects what it printed. */
async function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

t.test('run prints a line per generation and the Pareto front; show reports the stored run', async (t) => {
  const table = writeGeneratedTable(t, CHANNEL_BENCH_RESNET, 5);
  const runDir = join(tempDir(t), 'run');
  const { code, out, err } = await cli('run', '--evaluator', `table:${table}`, '--generations', '4', '--population', '8', '--workers', '2', '--seed', '3', '--run-dir', runDir);
  t.equal(code, 0, err);
  const lines = out.trim().split('\n');
  t.match(lines[0], /^gen 1\/4 {2}evals 8 new, 0 cached, 0 failed {2}best \d+\.\d\d% {2}front \d+ {2}HV 0\.\d{5} {2}\d+\.\d evals\/s$/);
  t.match(lines[3], /^gen 4\/4 /);
  t.match(lines[4], /^Pareto front after 4 generations: \d+ architectures, hypervolume 0\.\d{5}$/);
  t.match(lines[5], /^#\s+genome\s+code\s+accuracy\s+params\s+MACs$/);
  t.match(out, /256-256-256-512-512-512-512\s+4444444\s+\d+\.\d\d%/, 'the largest genome, seeded into the first generation, is on the front');

  const shown = JSON.parse(await showRun(runDir, { json: true }));
  t.match(shown, { status: 'finished', config: { seed: 3, population: 8, space: 'channel-bench-resnet', workers: 2 }, supernetVersion: 0 });
  t.equal(shown.generations.length, 4);
  t.match(shown.front[0], { genome: String, code: /^[1-4]{7}$/, accuracy: Number, loss: null, params: Number, macs: Number });
  const text = await showRun(runDir, {});
  t.match(text, new RegExp(`^run ${runDir}: finished, 4 generations committed`));
  t.match(text, /gen\s+new\s+cached\s+failed\s+best acc\s+front\s+HV\s+seconds/);
});

t.test('re-running the same command continues the run; the result equals one run of all generations', async (t) => {
  const table = writeGeneratedTable(t, CHANNEL_BENCH_RESNET, 6);
  const dir = tempDir(t);
  const args = (runDir: string, generations: number) => ({ evaluator: `table:${table}`, generations, population: 8, workers: 0, seed: 9, runDir: join(dir, runDir) });
  const lines: string[] = [];
  await runCommand(args('split', 3), { log: (l) => lines.push(l) });
  lines.length = 0;
  await runCommand(args('split', 6), { log: (l) => lines.push(l) });
  t.same(lines.map((l) => l.slice(0, 7)), ['gen 4/6', 'gen 5/6', 'gen 6/6'], 'only the missing generations run');
  await runCommand(args('whole', 6), { log: () => undefined });
  const front = async (runDir: string) => JSON.parse(await showRun(join(dir, runDir), { json: true })).front;
  t.same(await front('split'), await front('whole'));
  lines.length = 0;
  const again = await runCommand({ resume: join(dir, 'split') }, { log: (l) => lines.push(l) });
  t.same(lines, [], '--resume of a finished run has nothing left to do');
  t.match(again, /^Pareto front after 6 generations/);
});

t.test('a config file gives settings, flags override them, and the resolved settings are stored', async (t) => {
  const table = writeGeneratedTable(t, CHANNEL_BENCH_RESNET, 7);
  const dir = tempDir(t);
  const file = join(dir, 'run.json');
  writeFileSync(file, JSON.stringify({ evaluator: `table:${table}`, population: 6, generations: 2, strategy: 'aging', maxParams: 5_000_000, workers: 0 }));
  const runDir = join(dir, 'configured');
  const json = JSON.parse(await runCommand({ config: file, population: 10, runDir, json: true }, { log: () => undefined }));
  t.ok(json.front.every((m: { params: number }) => m.params <= 5_000_000), 'the budget from the file holds');
  const store = Store.open(runDir, { readOnly: true });
  t.teardown(() => store.close());
  t.match(store.getRun(), { status: 'finished', seed: 0, config: { population: 10, strategy: 'aging', maxParams: 5_000_000, generations: 2, tournamentSize: 5 } });
});

t.test('bad runs fail with one clear line and exit code 2, leaving no run directory behind', async (t) => {
  const table = writeGeneratedTable(t, CHANNEL_BENCH_RESNET, 8);
  const dir = tempDir(t);
  const busy = join(dir, 'busy');
  const held = Store.open(busy);
  const cases: [string[], RegExp][] = [
    [['run', '--run-dir', join(dir, 'a'), '--evaluator', 'bogus'], /^evo-nas: error: unknown evaluator "bogus"\. Use --evaluator supernet .* or table:FILE/],
    [['run', '--run-dir', join(dir, 'b'), '--evaluator', 'table:'], /unknown evaluator "table:"/],
    [['run', '--run-dir', join(dir, 'c'), '--evaluator', `table:${join(dir, 'bench.json')}`], /cannot tell the space of table .*bench\.json from its name; pass --space with one of channel-bench-resnet, channel-bench-mobilenet/],
    [['run', '--run-dir', join(dir, 'd'), '--evaluator', `table:${table}`, '--max-params', '100'], /no genome of space "channel-bench-resnet" fits max params 100: the smallest has \d+/],
    [['run', '--run-dir', busy, '--evaluator', `table:${table}`], /run directory .*busy is in use by this process/],
    [['run', '--resume', join(dir, 'e')], /holds no run to resume/],
    [['run', '--strategy', 'hill'], /--strategy <name>. argument .hill. is invalid\. must be one of predictor, nsga2, aging, random \(got "hill"\)/],
    [['run', '--population', '2'], /--population <n>.*must be a whole number ≥ 4/],
    [['run', '--run-dir', join(dir, 'v'), '--validation-images', '2000'], /--validation-images 2000 is more than the 1,000 images of fashion-mnist-mini's validation split \(10% of its 10,000 training images\); use at most 1000/],
    [['show', join(dir, 'nothing')], /is not an evo-nas run directory/],
  ];
  for (const [argv, message] of cases) {
    const { code, err } = await cli(...argv);
    t.equal(code, 2, argv.join(' '));
    t.match(err, message);
    t.equal(err.trim().split('\n').length, 1, 'on one line');
  }
  t.notOk(['a', 'b', 'c', 'd', 'e'].some((name) => existsSync(join(dir, name))), 'no directories left by runs that never started');
  await held.close();

  const runDir = join(dir, 'resumed');
  await runCommand({ evaluator: `table:${table}`, generations: 2, population: 6, workers: 0, runDir }, { log: () => undefined });
  const conflict = await cli('run', '--resume', runDir, '--seed', '5');
  t.equal(conflict.code, 2);
  t.match(conflict.err, /holds a run with other settings: --seed 5 \(the run has 0\)/);
});

t.test('table generate writes a complete table, whole, that run can search', async (t) => {
  const dir = tempDir(t);
  const out = join(dir, 'Results_MobileNet.json');
  const { code, out: printed } = await cli('table', 'generate', '--space', 'channel-bench-mobilenet', '--seed', '4', '--out', out);
  t.equal(code, 0);
  t.equal(printed, `wrote ${out}: channel-bench-mobilenet, 16384 architectures (generated, seed 4)\n`);
  const text = await runCommand({ evaluator: `table:${out}`, generations: 2, population: 4, workers: 0, runDir: join(dir, 'r') }, { log: () => undefined });
  t.match(text, /^Pareto front after 2 generations/);
  const again = await cli('table', 'generate', '--space', 'channel-bench-mobilenet', '--seed', '4');
  t.equal(Object.keys(JSON.parse(again.out)).length, 16384, 'without --out, the JSON goes to stdout');
});

t.test('run, show and table generate have --help', async (t) => {
  for (const argv of [['run', '--help'], ['show', '--help'], ['table', 'generate', '--help']]) {
    const { code, out } = await cli(...argv);
    t.equal(code, 0);
    t.match(out, /Usage: evo-nas (run|show|table generate)/);
  }
});
