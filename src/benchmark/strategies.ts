/**
 * Strategies against a table's true front: each strategy searches the table from several seeds,
 * and after each checkpoint (100, 200, 500, 1000 evaluations) the share of the true front's
 * hypervolume covered by what it has evaluated so far is recorded (see `front-share.ts`). The
 * searches run the real search loop, with the run's defaults for every setting but the strategy,
 * the population and the seed, on an in-memory journal.
 */
import type { PopulationManager, Strategy } from '../../populations/manager.js';
import { resolveConfig } from '../run/config.js';
import { memoryJournal } from '../run/journal.js';
import { runSearch } from '../run/search-loop.js';
import { budgetOf, managerFor } from '../run/strategy.js';
import { tableKey, type BenchTable } from '../tabular/index.js';
import { frontScale, frontShare, scaledHypervolume, type ParamsAccuracy } from './front-share.js';
import { spread, type Spread } from './spread.js';
import { tableLookupProblem } from './table-lookup.js';

export interface StrategyBenchOptions {
  readonly strategies: readonly Strategy[];
  /** Searches per strategy, seeds 1..seeds. */
  readonly seeds: number;
  /** Evaluation counts at which the share is measured, ascending; the last is the search's length. */
  readonly checkpoints: readonly number[];
  /** Genomes per generation. */
  readonly population: number;
}

export interface StrategyResult {
  readonly strategy: Strategy;
  /** The share of the true front's hypervolume at each checkpoint, over the seeds. */
  readonly share: Readonly<Record<string, Spread>>;
  /**
   * CPU milliseconds the strategy took to propose one generation (every one after the first, all
   * seeds): CPU time rather than wall time, so that other work on the machine does not count.
   */
  readonly askMs: Spread;
}

export interface TableResult {
  readonly table: string;
  readonly space: string;
  readonly architectures: number;
  readonly frontSize: number;
  readonly population: number;
  readonly seeds: number;
  readonly strategies: readonly StrategyResult[];
}

export async function benchStrategies(table: BenchTable, options: StrategyBenchOptions): Promise<TableResult> {
  const all: ParamsAccuracy[] = [...table.entries.values()].map((e) => ({ params: e.params, accuracy: e.mean }));
  const scale = frontScale(all);
  const truth = scaledHypervolume(all, scale);
  const problem = tableLookupProblem(table);
  const strategies = [];
  for (const strategy of options.strategies) {
    const shares = options.checkpoints.map(() => [] as number[]);
    const askMs: number[] = [];
    for (let seed = 1; seed <= options.seeds; seed++) {
      const found = await search(table, problem, strategy, seed, options, askMs);
      options.checkpoints.forEach((n, k) => (shares[k] as number[]).push(frontShare(found.slice(0, n), scale, truth)));
    }
    strategies.push({
      strategy,
      share: Object.fromEntries(options.checkpoints.map((n, k) => [String(n), spread(shares[k] as number[])])),
      askMs: spread(askMs),
    });
  }
  return {
    table: table.source,
    space: table.space.name,
    architectures: table.entries.size,
    frontSize: frontSizeOf(all),
    population: options.population,
    seeds: options.seeds,
    strategies,
  };
}

/** One search; returns what it evaluated, in order. Records each later generation's ask CPU time. */
async function search(
  table: BenchTable,
  problem: ReturnType<typeof tableLookupProblem>,
  strategy: Strategy,
  seed: number,
  options: StrategyBenchOptions,
  askMs: number[],
): Promise<ParamsAccuracy[]> {
  const config = resolveConfig({ runDir: 'unused', workers: 0, strategy, seed, population: options.population });
  const manager = timed(managerFor(config, problem), askMs);
  const evaluations = options.checkpoints.at(-1) ?? 0;
  const journal = memoryJournal();
  await runSearch({ problem, manager, journal, generations: Math.ceil(evaluations / options.population), seed, objective: 'params', budget: budgetOf(config) });
  const seen = new Set<string>();
  const found: ParamsAccuracy[] = [];
  for (const candidate of journal.generations.flatMap((g) => g.candidates)) {
    if (!candidate.metrics || seen.has(candidate.hash)) continue;
    seen.add(candidate.hash);
    const entry = table.entries.get(tableKey(candidate.genome, table.space));
    if (entry) found.push({ params: entry.params, accuracy: entry.mean });
  }
  return found;
}

function timed(manager: PopulationManager, askMs: number[]): PopulationManager {
  return {
    ...manager,
    ask: (population, rng, evaluated) => {
      const start = process.cpuUsage();
      const genomes = manager.ask(population, rng, evaluated);
      const used = process.cpuUsage(start);
      if (population.length > 0) askMs.push((used.user + used.system) / 1000);
      return genomes;
    },
  };
}

function frontSizeOf(points: readonly ParamsAccuracy[]): number {
  const sorted = [...points].sort((a, b) => a.params - b.params || b.accuracy - a.accuracy);
  let best = -Infinity;
  let size = 0;
  for (const p of sorted) {
    if (p.accuracy > best) {
      best = p.accuracy;
      size++;
    }
  }
  return size;
}
