/**
 * `evo-nas table generate`: writes a seeded, generated table in Channel-Bench-Macro's format, so
 * `evo-nas run --evaluator table:FILE` can be tried without downloading the benchmark. `evo-nas
 * table build` (declared here, implemented in table-build.ts) trains a ground-truth table.
 */
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { Rng } from '../../random/rng.js';
import { addSettings } from '../../settings/commander.js';
import { SEED } from '../../settings/common.js';
import { QUEUE } from '../../settings/evaluation.js';
import { generateTable, getTabularSpace, TABULAR_SPACES } from '../../tabular/index.js';
import { DEFAULT_SPACE_NAME, SHORTCUTS, SPACES } from '../../space/index.js';
import { addBackendOption } from '../backend-option.js';
import { wholeNumber } from '../options.js';
import { addTrainingOptions } from '../training-options.js';
import type { TableBuildOptions } from './table-build.js';
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
  const generate = table
    .command('generate')
    .description('write a seeded generated table, with the structure of real width benchmarks')
    .addOption(new Option('--space <name>', 'tabular space').choices([...TABULAR_SPACES.keys()]).default('channel-bench-resnet'))
    .option('--out <file>', 'write here instead of to stdout');
  addSettings(generate, [SEED])
    .action(async (options: TableGenerateOptions) => print(await tableGenerate(options)))
    .addHelpText('after', '\nExample:\n  evo-nas table generate --space channel-bench-resnet --seed 1 --out Results_ResNet.json');
  registerTableBuild(table, print);
}

/** `table build`: its flags here; its implementation (and TensorFlow.js, with --workers 0) load when it runs. */
function registerTableBuild(table: Command, print: (text: string) => void): void {
  const command = table
    .command('build')
    .description('train a stratified sample of a space\'s architectures from scratch, S seeds each, and write the ground-truth table (run again to resume)')
    .addOption(new Option('--space <name>', 'search space').choices([...SPACES.keys()]).default(DEFAULT_SPACE_NAME))
    .addOption(new Option('--shortcut <kind>', "shortcut convention (default: the space's)").choices([...SHORTCUTS]))
    .option('--architectures <n>', 'architectures, stratified over parameters (smallest and largest included)', wholeNumber(2), 50)
    .option('--seeds <s>', 'trainings per architecture (seeds SEED, SEED+1, ...); more than a stored build has grows it', wholeNumber(1), 2)
    .requiredOption('--out <file>', 'the table to write when every training is done')
    .option('--run-dir <dir>', 'where finished trainings are stored (default runs/table-SPACE-DATASET-seedSEED)')
    .option('--workers <n>', 'worker threads, one training each (0: train in this thread, or with --queue only on the queue\'s workers; default: every core, or 0 with --queue)', wholeNumber(0))
    .option('--partial', 'write the table of the trainings stored so far and stop (works while a build runs)')
    .option('--task-timeout <minutes>', 'minutes one training may take before it is retried', wholeNumber(1), 24 * 60)
    .option('--attempts <n>', 'tries per training before it counts as failed', wholeNumber(1), 2);
  addSettings(command, [{ ...QUEUE, help: 'train on evo-nas workers through this Redis (redis://[:PASSWORD@]HOST[:PORT][/DB]); with --workers N this host trains too; not stored, so pass it again to resume', defaultText: 'none: train on this host' }]);
  addBackendOption(addTrainingOptions(command, 'seed of the sample and of the first training (0 to 4294967295)'))
    .action(async (options: TableBuildOptions) => {
      const { tableBuild } = await import('./table-build.js');
      print(await tableBuild(options, { log: print }));
    })
    .addHelpText(
      'after',
      '\nExample:\n  evo-nas table build --space resnet20-cvpr2021 --dataset fashion-mnist-mini --architectures 50 --seeds 2 \\\n' +
        '    --epochs 5 --no-crop-flip --workers 2 --run-dir runs/truth --out truth.json\n' +
        '  evo-nas table build ...the same flags... --partial --out truth-so-far.json   # beside the running build\n' +
        '  evo-nas table build ...the same flags... --queue redis://10.0.0.5:6379       # trained by evo-nas workers',
    );
}
