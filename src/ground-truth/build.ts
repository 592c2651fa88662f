/**
 * `evo-nas table build`'s work: train every (architecture, seed) of the plan in the evaluator
 * pool, one training per task, every worker busy; store each result in the run directory's store
 * the moment it finishes; when all are done, write the table. Run again after Ctrl-C or SIGKILL,
 * it skips the stored trainings and ends with the same table as an uninterrupted build: each
 * training depends on its own genome, recipe and seed only. With a queue, `evo-nas worker`s on any
 * host train the tasks (jobs keyed by the same evaluation keys, so a duplicate is harmless).
 */
import { handlerSpec, type HandlerSpec } from '../../evaluators/handler.js';
import { ExternalError, InputError } from '../errors/errors.js';
import { loadTrainingDataset } from '../model-training/epochs.js';
import { evaluatorFor } from '../problems/evaluator-for.js';
import { settingDifferences } from '../store/resume.js';
import { Store } from '../store/store.js';
import { formatGenome } from '../space/index.js';
import { trainingDatasetHash } from '../model-training/dataset-hash.js';
import { buildPlan, type BuildPlan, type TableBuildSettings } from './plan.js';
import { builtTable, writeTableFile } from './table-file.js';

/** The `meta` record holding a build's settings. */
export const SETTINGS_RECORD = 'table-build';

export interface TableBuildJob {
  readonly settings: TableBuildSettings;
  readonly runDir: string;
  readonly out: string;
  /** Worker threads; 0 trains in this thread (with a queue: only the queue's workers train). */
  readonly workers: number;
  /** A Redis URL whose `evo-nas worker`s train (absent: this host only). Never stored: it may hold a password. */
  readonly queue?: string;
  readonly backend?: string;
  /** Minutes one training may take before its worker is replaced and it is retried. */
  readonly taskTimeoutMinutes: number;
  readonly attempts: number;
  /** Write the table of the trainings stored so far and stop (works beside a running build). */
  readonly partial: boolean;
  /** Node options of the worker threads (tests leave the runner's loaders out). */
  readonly execArgv?: readonly string[];
}

export interface TableBuildIo {
  readonly log: (line: string) => void;
}

export async function buildTableJob(job: TableBuildJob, io: TableBuildIo): Promise<string> {
  const plan = buildPlan(job.settings);
  if (job.partial) return writePartial(job, plan);
  const store = Store.open(job.runDir);
  try {
    checkRunDir(store, job, io);
    const pending = plan.tasks.filter((t) => store.getEvaluation(t.key) === undefined);
    const total = plan.tasks.length;
    io.log(
      `${plan.genomes.length} architectures x ${job.settings.seeds} seeds of ${plan.space.name} on ${job.settings.training.dataset}: ` +
        `${total - pending.length} of ${total} trainings stored in ${job.runDir}, ${pending.length} to go` +
        (pending.length > 0 ? ` (${whereTrained(job)}; run the same command again to resume)` : ''),
    );
    const failures = await trainPending(job, store, plan, pending, io);
    if (failures.length > 0) {
      throw new ExternalError(`${failures.length} trainings failed: ${failures.slice(0, 3).join('; ')}${failures.length > 3 ? '; ...' : ''}. Run the same command again to retry them`);
    }
    const built = builtTable(plan, (key) => store.getEvaluation(key));
    writeTableFile(job.out, built.table);
    return `wrote ${job.out}: ${built.complete} architectures x ${job.settings.seeds} seeds (${built.trainings} trainings)`;
  } finally {
    await store.close();
  }
}

/**
 * Refuses a run directory that holds other work, or a build with other settings. More `--seeds`
 * than stored grows the build: the sample and every stored training stay valid (a training's key
 * is its genome, recipe and seed), so only the new seeds are trained.
 */
function checkRunDir(store: Store, job: TableBuildJob, io: TableBuildIo): void {
  if (store.getRun() !== undefined || store.latestSupernetVersion() > 0 || store.latestCheckpointVersion() > 0) {
    throw new InputError(`${job.runDir} holds a search or a training; give evo-nas table build a run directory of its own`);
  }
  const saved = store.getMeta(SETTINGS_RECORD) as TableBuildSettings | undefined;
  if (saved === undefined) {
    store.putMeta(SETTINGS_RECORD, JSON.parse(JSON.stringify(job.settings)));
    return;
  }
  const differences = differencesBesideSeeds(saved, job.settings);
  if (differences.length > 0) {
    throw new InputError(`${job.runDir} holds a table build with other settings (${differences.join('; ')}); use another --run-dir, or the same settings to resume it`);
  }
  if (job.settings.seeds < saved.seeds) {
    throw new InputError(
      `${job.runDir} holds a build of ${saved.seeds} seeds per architecture; --seeds ${job.settings.seeds} would leave stored trainings out of the table: ` +
        `give --seeds ${saved.seeds} to resume it, or more to grow it (or --partial for a table of fewer)`,
    );
  }
  if (job.settings.seeds > saved.seeds) {
    store.putMeta(SETTINGS_RECORD, JSON.parse(JSON.stringify(job.settings)));
    io.log(`growing the build from ${saved.seeds} to ${job.settings.seeds} seeds per architecture; its ${saved.seeds === 1 ? 'seed is' : `${saved.seeds} seeds are`} kept`);
  }
}

/**
 * How asked settings differ from a stored build's, the seed count aside: a build may grow to more
 * seeds (checkRunDir), and a partial table may be read for any.
 */
function differencesBesideSeeds(saved: TableBuildSettings, asked: TableBuildSettings): string[] {
  return settingDifferences(flatSettings({ ...saved, seeds: asked.seeds }), flatSettings(asked));
}

/**
 * The settings with the training's spread beside the others, so a difference names the setting,
 * and through JSON, so an absent option and a stored one compare alike.
 */
function flatSettings(settings: TableBuildSettings): Record<string, unknown> {
  const { training, ...rest } = settings;
  return JSON.parse(JSON.stringify({ ...rest, ...training })) as Record<string, unknown>;
}

/** Where the pending trainings run, for the opening line. */
function whereTrained(job: TableBuildJob): string {
  const threads = `${job.workers} worker${job.workers === 1 ? '' : 's'}`;
  if (job.queue) return `on the queue's workers${job.workers > 0 ? ` and ${threads} here` : ''}`;
  return job.workers === 0 ? 'in this thread' : threads;
}

/**
 * The training handler. With a queue, workers load their own copy of the dataset: the spec of
 * the handler carries this host's copy's content hash, and a worker whose copy differs fails the
 * task naming both (options, not the evaluation spec, so the store's keys stay those of a local build).
 */
async function trainingHandler(job: TableBuildJob): Promise<HandlerSpec> {
  const backend = job.backend ?? 'auto';
  if (!job.queue) return handlerSpec('training', { backend });
  const { training } = job.settings;
  const datasetSha256 = trainingDatasetHash(await loadTrainingDataset(training), training);
  return handlerSpec('training', { backend, datasetSha256 });
}

async function trainPending(job: TableBuildJob, store: Store, plan: BuildPlan, pending: BuildPlan['tasks'], io: TableBuildIo): Promise<string[]> {
  if (pending.length === 0) return [];
  const evaluator = evaluatorFor(
    await trainingHandler(job),
    {
      workers: job.workers,
      evalTimeoutSeconds: job.taskTimeoutMinutes * 60,
      evalAttempts: job.attempts,
      queue: job.queue ?? null,
      runDir: job.runDir,
      evaluator: 'table build',
      ...(job.execArgv ? { execArgv: job.execArgv } : {}),
    },
    { log: io.log },
  );
  const started = performance.now();
  const total = plan.tasks.length;
  let done = total - pending.length;
  let finishedHere = 0;
  const failures: string[] = [];
  try {
    await evaluator.evaluate(
      pending.map((p) => p.task),
      (index, outcome) => {
        const planned = pending[index]!;
        const name = `${formatGenome(planned.genome)} seed ${planned.task.seed}`;
        if (!outcome.ok) {
          failures.push(`${name}: ${outcome.reason}`);
          io.log(`failed ${name}: ${outcome.reason}`);
          return;
        }
        store.putEvaluation(planned.key, outcome.result);
        [done, finishedHere] = [done + 1, finishedHere + 1];
        const elapsed = (performance.now() - started) / 1000;
        const eta = (elapsed / finishedHere) * (total - done - failures.length);
        io.log(
          `${done}/${total}  ${name}  ${(outcome.result.accuracy * 100).toFixed(2)}%  ` +
            `${(outcome.result.ms / 1000).toFixed(1)} s  ETA ${duration(eta)}`,
        );
      },
    );
  } finally {
    await evaluator.close();
  }
  return failures;
}

/** Writes the table of what the run directory holds now (read-only: a build may be running). */
async function writePartial(job: TableBuildJob, plan: BuildPlan): Promise<string> {
  const store = Store.open(job.runDir, { readOnly: true });
  try {
    const saved = store.getMeta(SETTINGS_RECORD) as TableBuildSettings | undefined;
    if (saved === undefined) throw new InputError(`${job.runDir} holds no table build; start one without --partial`);
    // Any --seeds: the table of the seeds asked for that are stored (a growing build's old ones, say).
    const differences = differencesBesideSeeds(saved, job.settings);
    if (differences.length > 0) throw new InputError(`${job.runDir} holds a table build with other settings (${differences.join('; ')}); give the same settings with --partial`);
    const built = builtTable(plan, (key) => store.getEvaluation(key));
    writeTableFile(job.out, built.table);
    return `wrote ${job.out} (partial): ${Object.keys(built.table).length} of ${plan.genomes.length} architectures, ${built.trainings} of ${plan.tasks.length} trainings, ${built.complete} architectures complete`;
  } finally {
    await store.close();
  }
}

/** Seconds as "1h02m", "4m05s" or "12s". */
export function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.round(seconds);
  if (s >= 3600) return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
  if (s >= 60) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${s}s`;
}
