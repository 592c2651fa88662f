/**
 * Issue 12's smaller items, each as a user meets it: aging's sizes against the population, a
 * 20th genome number too large to hold, and wording (singulars, a percentage without float
 * noise, the text typed rather than "null").
 */
import { join } from 'node:path';
import t, { type Test } from 'tap';
import { CHANNEL_BENCH_RESNET } from '../../src/tabular/index.js';
import { startCli } from '../helpers/processes.js';
import { writeGeneratedTable } from '../helpers/tables.js';
import { tempDir } from '../helpers/tmp.js';

const RESNET20 = '16-16-16-16-16-16-16-32-32-32-32-32-32-64-64-64-64-64-64';

async function cli(t: Test, args: string[]): Promise<{ code: number | null; output: string }> {
  const child = startCli(t, args);
  const [code] = await child.exit;
  return { code, output: child.output() };
}

t.test('refused with one line and exit 2', async (t) => {
  const dir = tempDir(t);
  const cases: [string[], RegExp][] = [
    [['run', '--strategy', 'aging', '--population', '4', '--tournament-size', '1000'], /^--tournament-size 1000 must be at most the aging capacity 8 \(twice --population 4; set --aging-capacity for more\)/],
    [['run', '--strategy', 'aging', '--population', '4', '--aging-capacity', '1'], /^--aging-capacity 1 must be at least --population 4/],
    [['run', '--population', '4', '--aging-capacity', '6', '--tournament-size', '7'], /^--tournament-size 7 must be at most the aging capacity 6: /],
    [['space', 'cost', `${RESNET20}-100000000000000000000000`], /^genome g\[19\] is 100000000000000000000000, too large to be held exactly; the extra number \(ignored\) must be a whole number up to 9007199254740991$/],
    [['space', 'cost', '16'], /^genome has 1 width; space "resnet20-cvpr2021" takes 19 /],
    [['augment', 'preview', '--out', join(dir, 'p.png'), '--mixup', '1e309'], /^--mixup must be a number > 0, .* \(got "1e309"\)$/],
  ];
  for (const [args, message] of cases) {
    const { code, output } = await cli(t, [...args, ...(args[0] === 'run' ? ['--run-dir', join(dir, 'run')] : [])]);
    t.equal(code, 2, args.join(' '));
    t.equal(output.split('\n').length, 2, `one line: ${output}`);
    t.match(output.trim().replace(/^evo-nas: error: /, ''), message);
  }
});

t.test('wording: one generation, one architecture, a percentage as typed', async (t) => {
  const table = writeGeneratedTable(t, CHANNEL_BENCH_RESNET, 2);
  const runDir = join(tempDir(t), 'run');
  const run = await cli(t, ['run', '--evaluator', `table:${table}`, '--generations', '1', '--population', '4', '--workers', '0', '--run-dir', runDir]);
  t.equal(run.code, 0);
  t.match(run.output, /^Pareto front after 1 generation: \d+ architectures?, /m);
  const shown = await cli(t, ['show', runDir]);
  t.match(shown.output, /: finished, 1 generation committed \(the run asks for 1\)/);

  const inspect = await cli(t, ['data', 'inspect', 'synthetic', '--validation-fraction', '0.99999']);
  t.match(inspect.output, /seeded stratified 99\.999% of /);
});
