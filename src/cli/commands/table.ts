/**
 * `evo-nas table generate`: writes a seeded, generated table in Channel-Bench-Macro's format, so
 * `evo-nas run --evaluator table:FILE` can be tried without downloading the benchmark.
 */
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { MAX_SEED, Rng } from '../../random/rng.js';
import { generateTable, getTabularSpace, TABULAR_SPACES } from '../../tabular/index.js';
import { wholeNumber } from '../options.js';
import { atPath } from '../../files/fs-errors.js';

export interface TableGenerateOptions {
  readonly space: string;
  readonly seed: number;
  /** Where to write; the JSON is returned instead when absent. */
  readonly out?: string;
}

export async function tableGenerate(options: TableGenerateOptions): Promise<string> {
  const space = getTabularSpace(options.space);
  const json = JSON.stringify(generateTable(space, Rng.fromSeed(options.seed).fork('table')));
  if (options.out === undefined) return json;
  // Written whole or not at all: a temp file renamed into place.
  const temp = `${options.out}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, json);
    renameSync(temp, options.out);
  } catch (error) {
    throw atPath(error, options.out);
  } finally {
    rmSync(temp, { force: true }); // gone after the rename; a failed write or rename leaves nothing beside --out
  }
  return `wrote ${options.out}: ${space.name}, ${4 ** space.positions.length} architectures (generated, seed ${options.seed})`;
}

export function registerTableCommand(program: Command, print: (text: string) => void): void {
  const table = program.command('table').description('tabular benchmarks (Channel-Bench-Macro format)');
  table
    .command('generate')
    .description('write a seeded generated table, with the structure of real width benchmarks')
    .addOption(new Option('--space <name>', 'tabular space').choices([...TABULAR_SPACES.keys()]).default('channel-bench-resnet'))
    .option('--seed <seed>', 'random seed (0 to 4294967295)', wholeNumber(0, MAX_SEED), 0)
    .option('--out <file>', 'write here instead of to stdout')
    .action(async (options: TableGenerateOptions) => print(await tableGenerate(options)))
    .addHelpText('after', '\nExample:\n  evo-nas table generate --space channel-bench-resnet --seed 1 --out Results_ResNet.json');
}
