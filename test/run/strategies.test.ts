import t from 'tap';
import { resolveConfig, type RunConfig } from '../../src/run/config.js';
import { memoryJournal } from '../../src/run/journal.js';
import { runSearch } from '../../src/run/search-loop.js';
import { budgetOf, managerFor } from '../../src/run/strategy.js';
import { tableProblem } from '../../src/problems/table-problem.js';
import type { Problem } from '../../src/search/problem.js';
import { CHANNEL_BENCH_MOBILENET, CHANNEL_BENCH_RESNET, lookupGenome, loadTable } from '../../src/tabular/index.js';
import { writeGeneratedTable } from '../helpers/tables.js';

const SEEDS = [1, 2, 3, 4, 5];

async function finalHypervolume(problem: Problem, c: RunConfig): Promise<number> {
  const last = await runSearch({ problem, manager: managerFor(c, problem), journal: memoryJournal(), generations: c.generations, seed: c.seed, objective: c.objective, budget: budgetOf(c) });
  return last?.hypervolume ?? 0;
}

t.test('on a generated table, NSGA-II and aging evolution reach a larger hypervolume than random search for the same evaluations', async (t) => {
  // 12 generations of 16: 192 evaluations, about 1% of the 16384 architectures.
  const file = writeGeneratedTable(t, CHANNEL_BENCH_RESNET, 13);
  const base = resolveConfig({ runDir: 'unused', evaluator: `table:${file}`, workers: 0, generations: 12, population: 16 });
  const problem = await tableProblem(file, base);
  const mean = async (strategy: RunConfig['strategy']) => {
    const volumes: number[] = [];
    for (const seed of SEEDS) volumes.push(await finalHypervolume(problem, { ...base, strategy, seed }));
    return volumes.reduce((s, v) => s + v, 0) / volumes.length;
  };
  const [nsga2, aging, random] = [await mean('nsga2'), await mean('aging'), await mean('random')];
  t.ok(nsga2 > random, `NSGA-II ${nsga2.toFixed(4)} > random ${random.toFixed(4)}`);
  t.ok(aging > random, `aging ${aging.toFixed(4)} > random ${random.toFixed(4)}`);
});

t.test('a MobileNet table with a MACs budget: every evaluated architecture fits, costs come from the table', async (t) => {
  const file = writeGeneratedTable(t, CHANNEL_BENCH_MOBILENET, 2);
  const table = await loadTable(file, CHANNEL_BENCH_MOBILENET);
  const c = resolveConfig({ runDir: 'unused', evaluator: `table:${file}`, workers: 0, generations: 6, population: 12, maxMacs: 60_000_000, objective: 'macs' });
  const problem = await tableProblem(file, c);
  const journal = memoryJournal();
  await runSearch({ problem, manager: managerFor(c, problem), journal, generations: c.generations, seed: 1, objective: 'macs', budget: budgetOf(c) });
  const metrics = journal.generations.flatMap((g) => g.candidates.map((x) => ({ x, entry: lookupGenome(table, x.genome)! })));
  t.ok(metrics.length > 0);
  t.ok(metrics.every(({ x, entry }) => x.metrics!.macs === entry.flops && entry.flops <= 60_000_000), 'within 60M MACs, by the table');
  t.ok(journal.generations.at(-1)!.archive.every((m) => m.violation === 0));
});
