/**
 * `evo-nas bench strategies`: every search strategy against the true front of tabular
 * benchmarks (generated tables of both Channel-Bench-Macro spaces, and any table file given),
 * as JSON or as a markdown table. Tensor-free: tables are searched in the calling thread.
 */
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { STRATEGIES, type Strategy } from '../../../populations/manager.js';
import { benchStrategies, strategiesMarkdown, type TableResult } from '../../benchmark/index.js';
import { InputError } from '../../errors/errors.js';
import { MAX_SEED, Rng } from '../../random/rng.js';
import { generateTable, getTabularSpace, loadTable, parseTable, spaceFromFileName, TABULAR_SPACES, type BenchTable } from '../../tabular/index.js';
import { risingList, wholeNumber } from '../options.js';

export interface BenchStrategiesOptions {
  /** Table files to search besides the generated ones. */
  readonly table?: readonly string[];
  /** The space of table files whose names do not tell it. */
  readonly space?: string;
  /** Search the generated tables too (default true). */
  readonly generated?: boolean;
  /** Seed of the generated tables (default 1). */
  readonly tableSeed?: number;
  readonly seeds?: number;
  /** Checkpoints: rising evaluation counts, "100,200,500,1000" or a list. */
  readonly evals?: string | readonly number[];
  readonly population?: number;
  /** Comma-separated strategy names (default: all). */
  readonly strategies?: string;
  readonly markdown?: boolean;
}

export const BENCH_DEFAULTS = { seeds: 10, evals: [100, 200, 500, 1000], population: 50, tableSeed: 1 } as const;

export async function strategiesCommand(options: BenchStrategiesOptions): Promise<string> {
  const strategies = strategyList(options.strategies);
  const checkpoints = typeof options.evals === 'string' ? parseCheckpoints(options.evals) : (options.evals ?? BENCH_DEFAULTS.evals);
  const tables = await tablesOf(options);
  if (tables.length === 0) throw new InputError('bench strategies: no tables to search; give --table FILE or leave out --no-generated');
  const results: TableResult[] = [];
  for (const table of tables) {
    results.push(
      await benchStrategies(table, {
        strategies,
        seeds: options.seeds ?? BENCH_DEFAULTS.seeds,
        checkpoints,
        population: options.population ?? BENCH_DEFAULTS.population,
      }),
    );
  }
  return options.markdown ? strategiesMarkdown(results) : JSON.stringify(results, null, 2);
}

async function tablesOf(options: BenchStrategiesOptions): Promise<BenchTable[]> {
  const tables: BenchTable[] = [];
  if (options.generated ?? true) {
    const seed = options.tableSeed ?? BENCH_DEFAULTS.tableSeed;
    for (const space of TABULAR_SPACES.values()) {
      const json = JSON.stringify(generateTable(space, Rng.fromSeed(seed).fork('table')));
      tables.push(parseTable(json, space, `generated ${space.name} (seed ${seed})`));
    }
  }
  for (const file of options.table ?? []) {
    const space = options.space ? getTabularSpace(options.space) : spaceFromFileName(resolve(file));
    if (!space) throw new InputError(`cannot tell the space of table ${file} from its name; pass --space with one of ${[...TABULAR_SPACES.keys()].join(', ')}`);
    tables.push(await loadTable(file, space));
  }
  return tables;
}

function strategyList(names: string | undefined): Strategy[] {
  if (names === undefined) return [...STRATEGIES];
  const list = names.split(',').map((n) => n.trim());
  const unknown = list.find((n) => !(STRATEGIES as readonly string[]).includes(n));
  if (unknown !== undefined || list.length === 0) throw new InputError(`--strategies: unknown strategy "${unknown ?? ''}"; allowed: ${STRATEGIES.join(', ')}`);
  return list as Strategy[];
}

function parseCheckpoints(value: string): number[] {
  try {
    return risingList(value);
  } catch (error) {
    throw new InputError(`--evals ${(error as Error).message}`);
  }
}

export function registerBenchCommands(program: Command, print: (text: string) => void): void {
  const bench = program.command('bench').description('benchmarks of the search itself');
  bench
    .command('strategies')
    .description("each strategy's share of the true front's hypervolume after N evaluations, on tabular benchmarks")
    .option('--table <file...>', 'a Channel-Bench-Macro-format table to search besides the generated ones (repeatable)')
    .option('--space <name>', `space of --table files whose names do not tell it: ${[...TABULAR_SPACES.keys()].join(', ')}`)
    .option('--no-generated', 'search only the --table files, not the generated tables of both spaces')
    .option('--table-seed <seed>', 'seed of the generated tables (default 1)', wholeNumber(0, MAX_SEED))
    .option('--seeds <n>', 'searches per strategy and table, seeds 1..n (default 10)', wholeNumber(1, 1000))
    .option('--evals <list>', 'evaluation counts to measure at, rising (default 100,200,500,1000)', risingList)
    .option('--population <n>', 'genomes per generation (default 50)', wholeNumber(4))
    .addOption(new Option('--strategies <list>', `comma-separated strategies (default all: ${STRATEGIES.join(',')})`))
    .option('--markdown', 'print a markdown table instead of JSON')
    .action(async (options: BenchStrategiesOptions) => print(await strategiesCommand(options)))
    .addHelpText(
      'after',
      '\nThe share scales parameters and mean accuracy by the table\'s own ranges, reference point at the worst corner.\n' +
        'Example:\n  evo-nas bench strategies --seeds 3 --evals 100,200,500 --strategies predictor,nsga2 --markdown',
    );
}
