import t from 'tap';
import { STRATEGIES } from '../../populations/manager.js';
import { resolveConfig, type RunConfig } from '../../src/run/config.js';
import { memoryJournal, type Journal } from '../../src/run/journal.js';
import { runSearch } from '../../src/run/search-loop.js';
import { budgetOf, managerFor } from '../../src/run/strategy.js';
import type { Problem } from '../../src/search/problem.js';
import type { GenerationRecord } from '../../src/store/schema.js';
import { toyProblem } from '../helpers/problems.js';

const config = (settings: Partial<RunConfig> = {}) => resolveConfig({ runDir: 'unused', population: 8, generations: 12, seed: 4, ...settings });

function search(problem: Problem, journal: Journal, c: RunConfig, generations = c.generations) {
  return runSearch({ problem, manager: managerFor(c, problem), journal, generations, seed: c.seed, objective: c.objective, budget: budgetOf(c) });
}

/** Everything that identifies a result: genomes and metrics, but not timings. */
const identity = (generations: readonly GenerationRecord[]) =>
  JSON.stringify(generations.map((g) => ({ ...g, seconds: 0, committedAt: '' })));

t.test('a search stopped after any generation and resumed from its journal ends exactly as an uninterrupted one', async (t) => {
  for (const strategy of STRATEGIES) {
    const c = config({ strategy });
    const whole = memoryJournal();
    await search(toyProblem(), whole, c);
    for (const stop of [1, 5, 11]) {
      const pieces = memoryJournal();
      await search(toyProblem(), pieces, c, stop);
      await search(toyProblem(), pieces, c);
      t.equal(identity(pieces.generations), identity(whole.generations), `${strategy}: stopped after ${stop}, resumed`);
    }
  }
});

t.test('no genome is evaluated twice: repeats come from the cache, and the managers avoid proposing them', async (t) => {
  const problem = toyProblem();
  const journal = memoryJournal();
  const last = await search(problem, journal, config({ generations: 30 }));
  t.equal(new Set(problem.evaluated).size, problem.evaluated.length, `${problem.evaluated.length} evaluations, all distinct`);
  const counts = journal.generations.reduce((s, g) => s + g.counts.evaluated, 0);
  t.equal(counts, problem.evaluated.length, 'the counts report what was evaluated');
  t.ok(last!.archive.length > 3, 'a front was found');

  // A second search with the same scope and cache, another seed: what the first evaluated is cached.
  const again = toyProblem();
  const reuse: Journal = { last: () => undefined, cached: journal.cached, commit: () => undefined };
  await search(again, reuse, config({ generations: 3, seed: 99 }));
  t.ok(again.evaluated.every((hash) => !problem.evaluated.includes(hash)), 'cached genomes are never evaluated again');
});

t.test('failed evaluations are recorded with their reason, and the run goes on', async (t) => {
  const problem = toyProblem((genome) => genome[0] === 8);
  const journal = memoryJournal();
  const last = await search(problem, journal, config());
  const failed = journal.generations.flatMap((g) => g.candidates.filter((c) => c.source === 'failed'));
  t.ok(failed.length > 0, `${failed.length} failures recorded`);
  t.ok(failed.every((c) => c.reason === `toy failure on ${c.genome.join('-')}`), 'each with its reason');
  t.equal(last?.index, 11, 'all generations ran');
  t.ok(last!.archive.every((m) => m.genome[0] !== 8), 'failures never enter the front');
  t.same(journal.generations.map((g) => g.counts.failed), journal.generations.map((g) => g.candidates.filter((c) => c.source === 'failed').length));
});

t.test('a budget holds for every genome asked, and the front reports the chosen cost', async (t) => {
  const problem = toyProblem();
  const journal = memoryJournal();
  const c = config({ maxParams: 6000, objective: 'macs' });
  const last = await search(problem, journal, c);
  t.ok(journal.generations.every((g) => g.candidates.every((x) => problem.costOf(x.genome).params <= 6000)), 'every candidate within 6000 params');
  t.ok(last!.archive.every((m) => m.objectives[1] === m.metrics.macs && m.objectives[0] === 1 - m.metrics.accuracy), 'objectives are [1 - accuracy, MACs]');
});
