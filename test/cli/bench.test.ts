import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { runCli } from '../../src/cli/program.js';
import { CHANNEL_BENCH_MOBILENET } from '../../src/tabular/index.js';
import { writeGeneratedTable } from '../helpers/tables.js';
import { tempDir } from '../helpers/tmp.js';

async function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

t.test('bench strategies measures each strategy\'s share of a table\'s true front at each checkpoint', async (t) => {
  const table = writeGeneratedTable(t, CHANNEL_BENCH_MOBILENET, 3);
  const args = ['bench', 'strategies', '--no-generated', '--table', table, '--seeds', '2', '--evals', '50,100', '--population', '25', '--strategies', 'predictor,random'];
  const { code, out, err } = await cli(...args);
  t.equal(code, 0, err);
  const [result, ...others] = JSON.parse(out);
  t.equal(others.length, 0, 'only the table given');
  t.match(result, { table, space: 'channel-bench-mobilenet', architectures: 16384, frontSize: Number, population: 25, seeds: 2 });
  t.same(result.strategies.map((s: { strategy: string }) => s.strategy), ['predictor', 'random']);
  for (const s of result.strategies) {
    t.same(Object.keys(s.share), ['50', '100']);
    for (const share of Object.values(s.share) as { min: number; median: number; max: number }[]) {
      t.ok(share.min > 0 && share.min <= share.median && share.median <= share.max && share.max <= 1, `${s.strategy}: ${JSON.stringify(share)}`);
    }
    t.ok(s.share['100'].min >= s.share['50'].min, 'more evaluations never cover less');
  }
  const [predictor, random] = result.strategies;
  t.ok(predictor.share['100'].median > random.share['100'].median, 'the predictor covers more of the front than random search after 100');

  const markdown = await cli(...args, '--seeds', '1', '--markdown');
  t.match(markdown.out, /^\| table \| strategy \| 50 evals \| 100 evals \| ask CPU ms \/ gen \(max\) \|\n\| --- /);
  t.equal(markdown.out.trim().split('\n').length, 4, 'header, rule, two rows');
});

t.test('bench strategies refuses bad input with one line and exit code 2', async (t) => {
  const dir = tempDir(t);
  const table = writeGeneratedTable(t, CHANNEL_BENCH_MOBILENET, 4);
  const anonymous = join(dir, 'bench.json');
  copyFileSync(table, anonymous);
  const cases: [string[], RegExp][] = [
    [['--strategies', 'predictor,hill'], /--strategies: unknown strategy "hill"; allowed: predictor, nsga2, aging, random/],
    [['--evals', '100,50'], /--evals <list>.*must be rising whole numbers/],
    [['--no-generated'], /no tables to search; give --table FILE/],
    [['--no-generated', '--table', anonymous], /cannot tell the space of table .*bench\.json from its name; pass --space/],
  ];
  for (const [argv, message] of cases) {
    const { code, err } = await cli('bench', 'strategies', ...argv);
    t.equal(code, 2, argv.join(' '));
    t.match(err, message);
    t.equal(err.trim().split('\n').length, 1, 'on one line');
  }
  const help = await cli('bench', 'strategies', '--help');
  t.match(help.out, /Example:\n {2}evo-nas bench strategies /);
});
