/**
 * `evo-nas predict RUN_DIR --archs FILE`: scores given architectures with a run's trained supernet,
 * exactly as the search measures its candidates (inherited weights, BN recalibrated, the run's
 * validation images), in the evaluator pool or, with `--queue`, on `evo-nas worker`s; writes the scores as a challenge submission or as a
 * table keyed by genome text, ready for `evo-nas correlate` against ground truth.
 */
import { availableParallelism } from 'node:os';
import { InputError } from '../../errors/errors.js';
import { writeTableFile } from '../../ground-truth/table-file.js';
import { initBackend, type BackendChoice } from '../../nn/backend.js';
import { scoreWithSupernet, type ScoredArchitecture } from '../../problems/supernet-scores.js';
import { formatSubmission, readScoreFile, writeSubmission } from '../../ranking/files.js';
import { DEFAULTS, type RunConfig } from '../../run/config.js';
import { formatGenome, getSpace, type Genome } from '../../space/index.js';
import { Store } from '../../store/store.js';
import { supernetProgress } from '../../supernet/stored.js';

import type { PredictFormat, PredictMetric } from './predict-choices.js';
export { PREDICT_FORMATS, PREDICT_METRICS, type PredictFormat, type PredictMetric } from './predict-choices.js';

export interface PredictOptions {
  readonly archs: string;
  readonly out?: string;
  readonly metric: PredictMetric;
  readonly format: PredictFormat;
  /** Evaluator threads on this host (default: every core, or none with a queue). */
  readonly workers?: number;
  /** Score on `evo-nas worker`s through this Redis (the URL may hold a password: never printed). */
  readonly queue?: string;
  readonly validationImages?: number;
  readonly recalibrationBatches?: number;
  readonly batchSize?: number;
  readonly dataDir?: string;
  readonly backend?: BackendChoice;
}

/** The score a metric gives: accuracy in percent, or minus the loss (higher is better either way). */
export function scoreOf(metric: PredictMetric, scored: ScoredArchitecture): number {
  if (metric === 'accuracy') return scored.metrics.accuracy * 100;
  if (scored.metrics.loss === null) throw new Error(`the evaluator measured no loss for ${formatGenome(scored.genome)}`);
  return -scored.metrics.loss;
}

export async function predict(runDir: string, options: PredictOptions, log: (line: string) => void): Promise<string> {
  if (options.format === 'table' && options.metric === 'loss') {
    throw new InputError('--format table holds accuracies in percent; score by --metric loss into a submission (--format submission) instead');
  }
  const store = Store.open(runDir, { readOnly: true });
  try {
    const progress = supernetProgress(store.getSupernet());
    if (!progress) throw new InputError(`${runDir} holds no trained supernet; train one with evo-nas supernet train or evo-nas run`);
    const space = getSpace(progress.settings.space);
    const genomes: Genome[] = [...readScoreFile(options.archs, space).architectures.values()].map((a) => a.genome);
    // The run's own evaluation settings where it has them, so predictions equal the search's.
    const config = (store.getRun()?.config ?? {}) as Partial<RunConfig>;
    const pick = <K extends keyof RunConfig>(key: K, flag: RunConfig[K] | undefined): RunConfig[K] => flag ?? config[key] ?? (DEFAULTS as RunConfig)[key];
    await initBackend(options.backend);
    const scored = await scoreWithSupernet(store, genomes, {
      dataDir: options.dataDir ?? config.dataDir ?? progress.settings.dataDir,
      validationImages: pick('validationImages', options.validationImages),
      recalibrationBatches: pick('recalibrationBatches', options.recalibrationBatches),
      batchSize: pick('batchSize', options.batchSize),
      fineTuneSteps: config.fineTuneSteps ?? 0,
      lr: config.lr ?? progress.settings.lr,
      // With a queue, this host scores only when asked to (--workers N), as with run --queue.
      workers: options.workers ?? (options.queue ? 0 : availableParallelism()),
      queue: options.queue ?? null,
      log,
      evalTimeoutSeconds: config.evalTimeoutSeconds ?? DEFAULTS.evalTimeoutSeconds,
      evalAttempts: config.evalAttempts ?? DEFAULTS.evalAttempts,
      backend: options.backend ?? 'auto',
      onScored: (done, total) => {
        if (done === total || done % 10 === 0) log(`scored ${done}/${total}`);
      },
    });
    return write(scored, options);
  } finally {
    store.close();
  }
}

function write(scored: readonly ScoredArchitecture[], options: PredictOptions): string {
  if (options.format === 'submission') {
    const rows = scored.map((s) => ({ genome: s.genome, acc: scoreOf(options.metric, s) }));
    if (options.out === undefined) return formatSubmission(rows).trimEnd();
    writeSubmission(options.out, rows);
  } else {
    const table = Object.fromEntries(
      scored.map((s) => {
        const percent = scoreOf('accuracy', s);
        return [formatGenome(s.genome), { acc: [percent], mean: percent, std: 0, params: s.metrics.params, flops: s.metrics.macs }];
      }),
    );
    if (options.out === undefined) return JSON.stringify(table, null, 2);
    writeTableFile(options.out, table);
  }
  return `wrote ${options.out}: ${scored.length} architectures scored by ${options.metric} (${options.format})`;
}
