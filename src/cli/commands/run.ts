/**
 * `evo-nas run`: search a space and keep everything in the run directory's store; re-running the
 * same command (or `--resume RUN_DIR`) continues from the last committed generation.
 * `runCommand` is a plain function from typed options to the text printed at the end (the Pareto
 * front); the line after each generation goes to `io.log` as it happens.
 */
import { existsSync, rmdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { InputError } from '../../errors/errors.js';
import { checkSettings, readConfigFile, resolveConfig, resumeConfig, RUN_SETTINGS, type RunConfig } from '../../run/config.js';
import { readRunFront } from '../../run/front.js';
import { validationImagesOf } from '../../search/standard-error.js';
import { storeJournal } from '../../run/journal.js';
import { openProblem } from '../../problems/index.js';
import { runSearch } from '../../run/search-loop.js';
import { budgetOf, managerFor } from '../../run/strategy.js';
import type { Problem } from '../../search/problem.js';
import { DEFAULT_SPACE_NAME } from '../../space/index.js';
import type { RunRecord } from '../../store/schema.js';
import { Store, STORE_FILE } from '../../store/store.js';
import { supernetProgress } from '../../supernet/progress.js';
import { EVO_NAS_VERSION } from '../../version.js';
import { addSettings } from '../../settings/commander.js';
import { terminalProgress, type Progress } from '../generation-progress.js';
import { frontMember, frontTable, generationLine } from '../report.js';

/** The flags of `evo-nas run`, each optional: unset flags come from --config, then the defaults. */
export type RunCommandOptions = Partial<RunConfig> & {
  /** A JSON file of settings (camelCase keys); flags override it. */
  readonly config?: string;
  /** A run directory to continue; its stored settings apply. */
  readonly resume?: string;
  readonly json?: boolean;
};

export interface RunIo {
  /** Receives the line printed after each generation. */
  readonly log: (line: string) => void;
  readonly progress?: Progress;
}

export async function runCommand(options: RunCommandOptions, io: RunIo): Promise<string> {
  const { config: configFile, resume, json, ...flags } = options;
  const settings = { ...(configFile === undefined ? {} : readConfigFile(configFile)), ...checkSettings({ ...flags }, '') };
  if (resume !== undefined && settings.runDir !== undefined && resolve(settings.runDir) !== resolve(resume)) {
    throw new InputError(`--resume ${resume} and --run-dir ${settings.runDir} name two directories; give only --resume (a run is resumed where it is stored)`);
  }
  const runDir = resume ?? resolveConfig(settings).runDir;
  const [dirExisted, fresh] = [existsSync(runDir), !existsSync(join(runDir, STORE_FILE))];
  const store = Store.open(runDir);
  let problem: Problem | undefined;
  let run: RunRecord | undefined;
  let existing: RunRecord | undefined;
  let searching = false;
  try {
    existing = store.getRun();
    if (resume !== undefined && !existing) throw new InputError(noRunToResume(store, runDir));
    const resolved = existing ? resumeConfig(existing.config as unknown as RunConfig, { ...settings, runDir }) : resolveConfig({ ...settings, runDir });
    // The supernet's space is known before it trains (a table's only once its file is read), so a
    // resume during the supernet phase compares --space against the space actually trained.
    const asked: RunConfig = { ...resolved, space: resolved.space ?? ((resolved.evaluator ?? 'supernet') === 'supernet' ? DEFAULT_SPACE_NAME : null) };
    const now = new Date().toISOString();
    // The settings are committed before the problem opens: the supernet phase is the longest, and a
    // kill in it must leave a run that `show` reports and `--resume` continues.
    // The queue's URL may hold a password: the store never keeps it (a resume names it again).
    run = { config: { ...asked, queue: null }, seed: asked.seed, status: 'running', createdAt: existing?.createdAt ?? now, updatedAt: now, evoNasVersion: EVO_NAS_VERSION };
    store.putRun(run);
    problem = await openProblem(asked, store, io.log);
    // The resolved configuration names the space actually searched (a table's comes from its file).
    const config: RunConfig = { ...asked, space: problem.space.name };
    checkSameEvaluation(store, problem, runDir);
    const manager = managerFor(config, problem);
    run = { ...run, config: { ...config, queue: null }, updatedAt: new Date().toISOString() };
    store.putRun(run);
    searching = true;
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
    // A resume refused before its search (another dataset folder, say) leaves the stored run as it was.
    if (run) {
      const reason = error instanceof Error ? error.message : String(error);
      store.putRun(existing && !searching ? existing : { ...run, status: 'failed', reason, updatedAt: new Date().toISOString() });
    }
    throw error;
  } finally {
    await problem?.close();
    // A run that never started (bad settings, an unreachable budget) leaves no directory behind,
    // unless it trained: a committed supernet checkpoint is never deleted (the same command resumes from it).
    const discard = fresh && !searching && !holdsCheckpoint(store);
    await store.close();
    if (discard) removeStore(runDir, !dirExisted);
  }
}

function holdsCheckpoint(store: Store): boolean {
  try {
    return store.latestSupernetVersion() > 0;
  } catch {
    return true; // unreadable: keep it for the user to look at
  }
}

/** Why `--resume` has nothing to continue; a supernet trained by an older evo-nas, with no run's settings, is continued by its own command. */
function noRunToResume(store: Store, runDir: string): string {
  const progress = supernetProgress(store.getSupernet());
  if (progress) {
    return `${runDir} holds a supernet (epoch ${progress.epoch} of ${progress.settings.epochs}) but no run's settings; continue it with the evo-nas run command that started it`;
  }
  return `${runDir} holds no run to resume; start one with: evo-nas run --run-dir ${runDir} ...`;
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
    return JSON.stringify({ runDir: config.runDir, generations: generation + 1, hypervolume, front: front.map((m) => frontMember(m, config.space, validationImagesOf(config))) });
  }
  const [generations, architectures] = [generation + 1, front.length];
  return [`Pareto front after ${generations} generation${generations === 1 ? '' : 's'}: ${architectures} architecture${architectures === 1 ? '' : 's'}, hypervolume ${hypervolume.toFixed(5)}`, frontTable(front, config.space, validationImagesOf(config))].join('\n');
}

export function registerRunCommand(program: Command, print: (text: string) => void): void {
  const command = program
    .command('run')
    .description('search a space: evaluate generations of genomes and keep the Pareto front (resumable)');
  addSettings(command, RUN_SETTINGS, { applyDefaults: false })
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
