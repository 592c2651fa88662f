/**
 * Both Channel-Bench-Macro spaces write architectures as 7 digits 1-4, so a ResNet table's keys are
 * valid MobileNet codes: the table's params decide which space it was measured in, and a table
 * run in the other space is refused with one line.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { Rng } from '../../src/random/rng.js';
import { betterFittingSpace, CHANNEL_BENCH_MOBILENET, CHANNEL_BENCH_RESNET, generateTable, parseTable } from '../../src/tabular/index.js';
import { startCli } from '../helpers/processes.js';
import { writeGeneratedTable } from '../helpers/tables.js';
import { tempDir } from '../helpers/tmp.js';

t.test('run --evaluator table:Results_ResNet.json --space channel-bench-mobilenet is refused with one line', async (t) => {
  const table = writeGeneratedTable(t, CHANNEL_BENCH_RESNET, 3, 'Results_ResNet.json');
  const runDir = join(tempDir(t), 'run');
  const args = ['run', '--evaluator', `table:${table}`, '--generations', '1', '--population', '4', '--workers', '0', '--run-dir', runDir];
  const wrong = startCli(t, [...args, '--space', 'channel-bench-mobilenet']);
  t.same(await wrong.exit, [2, null]);
  t.match(wrong.output(), /^evo-nas: error: table \S+Results_ResNet\.json does not fit --space channel-bench-mobilenet: its params are channel-bench-resnet's .*; pass --space channel-bench-resnet\n$/);
  t.notOk(existsSync(runDir), 'and no run is left behind');

  const right = startCli(t, [...args, '--space', 'channel-bench-resnet']);
  t.same(await right.exit, [0, null], 'the table in its own space runs');
});

t.test('the params decide the space, also for a misnamed file, and within a factor of two of the cost model', async (t) => {
  const mobile = JSON.stringify(generateTable(CHANNEL_BENCH_MOBILENET, Rng.fromSeed(4).fork('table')));
  const read = (space: typeof CHANNEL_BENCH_RESNET) => parseTable(mobile, space, 'Results_ResNet.json');
  t.match(betterFittingSpace(read(CHANNEL_BENCH_RESNET), CHANNEL_BENCH_RESNET), { space: { name: 'channel-bench-mobilenet' }, ratio: 1 });
  t.equal(betterFittingSpace(read(CHANNEL_BENCH_MOBILENET), CHANNEL_BENCH_MOBILENET), undefined);
  // A benchmark whose figures stray from the analytic model (here by 40%) still fits its own space.
  const strayed = Object.fromEntries(Object.entries(JSON.parse(mobile) as Record<string, { params: number }>).map(([k, v]) => [k, { ...v, params: Math.round(v.params * 1.4) }]));
  t.equal(betterFittingSpace(parseTable(JSON.stringify(strayed), CHANNEL_BENCH_MOBILENET, 'x.json'), CHANNEL_BENCH_MOBILENET), undefined);
});
