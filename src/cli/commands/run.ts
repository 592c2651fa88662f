/**
 * `evo-nas run`: search a space and keep everything in the run directory's store; re-running the
 * same command (or `--resume RUN_DIR`) continues from the last committed generation.
 * `runCommand` is a plain function from typed options to the text printed at the end (the Pareto
 * front); the line after each generation goes to `io.log` as it happens.
 */
import { existsSync, rmdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Option, type Command } from 'commander';
import { STRATEGIES } from '../../../populations/manager.js';
import { InputError } from '../../errors/errors.js';
import { MAX_SEED } from '../../random/rng.js';
import { checkSettings, readConfigFile, resolveConfig, resumeConfig, type RunConfig } from '../../run/config.js';
import { readRunFront } from '../../run/front.js';
import { storeJournal } from '../../run/journal.js';
import { openProblem } from '../../problems/index.js';
import { runSearch } from '../../run/search-loop.js';
import { budgetOf, managerFor } from '../../run/strategy.js';
import { COST_OBJECTIVES } from '../../search/metrics.js';
import type { Problem } from '../../search/problem.js';
import type { RunRecord } from '../../store/schema.js';
import { Store, STORE_FILE } from '../../store/store.js';
import { TABULAR_SPACES } from '../../tabular/spaces.js';
import { EVO_NAS_VERSION } from '../../version.js';
import { positiveNumber, wholeNumber } from '../options.js';
import { terminalProgress, type Progress } from '../generation-progress.js';
import { frontMember, frontTable, generationLine } from '../report.js';

/** The flags of `evo-nas run`, each optional: unset flags come from --config, then the defaults. */
export interface RunCommandOptions {
  readonly generations?: number;
  readonly population?: number;
  readonly workers?: number;
  readonly seed?: number;
  readonly runDir?: string;
  readonly maxParams?: number;
  readonly maxMacs?: number;
  readonly strategy?: RunConfig['strategy'];
  readonly objective?: RunConfig['objective'];
  readonly evaluator?: string;
  readonly space?: string;
  readonly dataset?: string;
  readonly dataDir?: string;
  readonly supernetEpochs?: number;
  readonly batchSize?: number;
  readonly lr?: number;
  readonly sandwich?: number;
  readonly trainImages?: number;
  readonly validationImages?: number;
  readonly recalibrationBatches?: number;
  readonly fineTuneSteps?: number;
  readonly backend?: string;
  /** A Redis URL: evaluate on `evo-nas worker`s (never stored; pass it again to resume). */
  readonly queue?: string;
  /** A JSON file of settings (camelCase keys); flags override it. */
  readonly config?: string;
  /** A run directory to continue; its stored settings apply. */
  readonly resume?: string;
  readonly json?: boolean;
}

export interface RunIo {
  /** Receives the line printed after each generation. */
  readonly log: (line: string) => void;
  readonly progress?: Progress;
}

export async function runCommand(options: RunCommandOptions, io: RunIo): Promise<string> {
  const { config: configFile, resume, json, ...flags } = options;
  const settings = { ...(configFile === undefined ? {} : readConfigFile(configFile)), ...checkSettings({ ...flags }, '') };
  const runDir = resume ?? resolveConfig(settings).runDir;
  const [dirExisted, fresh] = [existsSync(runDir), !existsSync(join(runDir, STORE_FILE))];
  const store = Store.open(runDir);
  let problem: Problem | undefined;
  let run: RunRecord | undefined;
  try {
    const existing = store.getRun();
    if (resume !== undefined && !existing) throw new InputError(`${runDir} holds no run to resume; start one with: evo-nas run --run-dir ${runDir} ...`);
    const asked = existing ? resumeConfig(existing.config as unknown as RunConfig, { ...settings, runDir }) : resolveConfig({ ...settings, runDir });
    problem = await openProblem(asked, store, io.log);
    // The resolved configuration names the space actually searched (a table's comes from its file).
    const config: RunConfig = { ...asked, space: problem.space.name };
    checkSameEvaluation(store, problem, runDir);
    const manager = managerFor(config, problem);
    const now = new Date().toISOString();
    // The queue's URL may hold a password: the store never keeps it (a resume names it again).
    run = { config: { ...config, queue: null }, seed: config.seed, status: 'running', createdAt: existing?.createdAt ?? now, updatedAt: now, evoNasVersion: EVO_NAS_VERSION };
    store.putRun(run);
    const current = run;
    await runSearch({
      problem,
      manager,
      journal: storeJournal(store, () => ({ ...current, updatedAt: new Date().toISOString() })),
      generations: config.generations,
      seed: config.seed,
      objective: config.objective,
      budget: budgetOf(config),
      onEvaluation: (done, total, generation) => io.progress?.update(done, total, generation, config.generations),
      onGeneration: (generation) => {
        io.progress?.stop();
        io.log(generationLine(generation, config.generations));
      },
    });
    run = { ...run, status: 'finished', updatedAt: new Date().toISOString() };
    store.putRun(run);
    return finalReport(store, json === true);
  } catch (error) {
    io.progress?.stop();
    if (run) store.putRun({ ...run, status: 'failed', reason: error instanceof Error ? error.message : String(error), updatedAt: new Date().toISOString() });
    throw error;
  } finally {
    await problem?.close();
    await store.close();
    // A run that never started (bad settings, an unreachable budget) leaves no directory behind.
    if (fresh && !run) removeStore(runDir, !dirExisted);
  }
}

function removeStore(runDir: string, directoryToo: boolean): void {
  for (const file of [STORE_FILE, `${STORE_FILE}-lock`]) rmSync(join(runDir, file), { force: true });
  if (!directoryToo) return;
  try {
    rmdirSync(runDir); // only if empty
  } catch {
    // something else was put there meanwhile: leave it
  }
}

/** A resumed run must evaluate as it did: the same table content, the same evaluation spec. */
function checkSameEvaluation(store: Store, problem: Problem, runDir: string): void {
  const last = store.lastGeneration();
  if (last && last.evalSpecHash !== problem.scope.evalSpecHash) {
    throw new InputError(
      `the evaluator of ${runDir} has changed since the run began (evaluation spec ${last.evalSpecHash}, now ${problem.scope.evalSpecHash}); ` +
        'a table file must keep its content. Start a new run directory to search with the new one.',
    );
  }
}

function finalReport(store: Store, json: boolean): string {
  const result = readRunFront(store);
  if (!result) return '';
  const { config, front, hypervolume, generation } = result;
  if (json) {
    return JSON.stringify({ runDir: config.runDir, generations: generation + 1, hypervolume, front: front.map((m) => frontMember(m, config.space)) });
  }
  return [`Pareto front after ${generation + 1} generations: ${front.length} architectures, hypervolume ${hypervolume.toFixed(5)}`, frontTable(front, config.space)].join('\n');
}

export function registerRunCommand(program: Command, print: (text: string) => void): void {
  program
    .command('run')
    .description('search a space: evaluate generations of genomes and keep the Pareto front (resumable)')
    .option('--generations <n>', 'generations in all, the initial population included (default 50)', wholeNumber(1))
    .option('--population <n>', 'genomes evaluated per generation (default 20)', wholeNumber(4))
    .option('--workers <n>', 'evaluator worker threads; 0 evaluates in the main thread (default: the core count)', wholeNumber(0, 256))
    .option('--seed <seed>', 'random seed, 0 to 4294967295 (default 0)', wholeNumber(0, MAX_SEED))
    .option('--run-dir <dir>', 'where the run is stored (default: runs/<strategy>-seed<seed>)')
    .option('--max-params <n>', 'budget: most parameters a genome may have', wholeNumber(1))
    .option('--max-macs <n>', 'budget: most multiply-accumulates a genome may need', wholeNumber(1))
    .addOption(new Option('--strategy <name>', 'population manager (default nsga2)').choices(STRATEGIES))
    .addOption(new Option('--objective <cost>', 'cost minimised beside the error (default params)').choices(COST_OBJECTIVES))
    .option('--evaluator <kind>', 'how genomes are evaluated: supernet (default: train a supernet on --dataset, inherit its weights) or table:FILE (a Channel-Bench-Macro-format table)')
    .option('--dataset <name>', 'supernet evaluator: dataset to train and validate on (default fashion-mnist-mini, bundled; see evo-nas data list)')
    .option('--data-dir <dir>', 'supernet evaluator: a folder holding datasets (searched first)')
    .option('--supernet-epochs <n>', 'supernet evaluator: epochs of supernet training before the search (default 5)', wholeNumber(1))
    .option('--batch-size <n>', 'supernet evaluator: batch size for training and evaluation (default 64)', wholeNumber(1))
    .option('--lr <rate>', 'supernet evaluator: peak learning rate (default 0.1; cosine with warm-up)', positiveNumber)
    .option('--sandwich <n>', 'supernet evaluator: random subnets per training step beside the largest and smallest (default 2)', wholeNumber(0, 16))
    .option('--train-images <n>', 'supernet evaluator: train on only the first N training images (default: all)', wholeNumber(1))
    .option('--validation-images <n>', 'supernet evaluator: validation images per candidate (default 1000)', wholeNumber(1))
    .option('--recalibration-batches <n>', 'supernet evaluator: training batches to recalibrate each candidate\'s BN (default 2)', wholeNumber(1))
    .option('--fine-tune-steps <n>', 'supernet evaluator: steps of fine-tuning a candidate\'s copy before measuring (default 0)', wholeNumber(0))
    .option('--backend <name>', 'TensorFlow.js backend: auto, node-gpu, node, wasm or cpu (default auto, or $EVO_NAS_BACKEND)')
    .option('--queue <url>', 'evaluate on evo-nas workers through this Redis (redis://[:PASSWORD@]HOST[:PORT][/DB]); with --workers N this host evaluates too; not stored, so pass it again to resume')
    .option('--space <name>', `search space (default: the evaluator's; tables: ${[...TABULAR_SPACES.keys()].join(', ')})`)
    .option('--config <file>', 'JSON file of settings (camelCase keys, e.g. {"maxParams": 100000}); flags override it')
    .option('--resume <run-dir>', 'continue the run stored in this directory, with its own settings')
    .addOption(new Option('--json', 'print the final Pareto front as JSON (generation lines go to stderr)'))
    .action(async (options: RunCommandOptions) => {
      const log = options.json ? (line: string) => process.stderr.write(`${line}\n`) : print;
      const progress = terminalProgress(process.stderr);
      print(await runCommand(options, { log, progress }));
    })
    .addHelpText(
      'after',
      '\nRe-running the same command on an existing run directory continues it; so does --resume RUN_DIR.\n' +
        'Example:\n  evo-nas run --evaluator table:Results_ResNet.json --generations 30 --population 20 --seed 1\n' +
        '  evo-nas run --queue redis://10.0.0.5:6379 --generations 30   # evaluated by evo-nas workers',
    );
}
