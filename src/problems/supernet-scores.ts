/**
 * Scores given architectures with a trained supernet exactly as a search measures its candidates
 * (weights inherited, BN recalibrated on the run's recalibration set, validation images of the
 * run's split), in the evaluator pool or on a queue's workers: what `evo-nas predict` reports, and
 * what the ranking benchmark correlates with standalone training.
 */
import { InputError } from '../errors/errors.js';
import type { RunConfig } from '../run/config.js';
import type { Metrics } from '../search/metrics.js';
import { genomeCost, getSpace, type Genome } from '../space/index.js';
import type { Store } from '../store/store.js';
import { supernetProgress } from '../supernet/stored.js';
import { evaluatorFor, type EvaluatorSettings } from './evaluator-for.js';
import { evaluatorProblem } from './evaluator-problem.js';
import { checkValidationImages } from './validation-images.js';
import { supernetEvalSpec, type SupernetEvaluation } from './supernet-problem.js';
import { publishingHooks, supernetHandler } from './supernet-queue.js';

export interface ScoreOptions extends SupernetEvaluation, EvaluatorSettings {
  /** Supernet version (default: the run's last generation's, else the newest). */
  readonly version?: number;
  readonly backend: RunConfig['backend'];
  /** Called after each architecture is scored. */
  readonly onScored?: (done: number, total: number) => void;
  /** What the queue evaluator reports (with `queue`): the Redis, the weights published. */
  readonly log?: (line: string) => void;
}

export interface ScoredArchitecture {
  readonly genome: Genome;
  readonly metrics: Metrics;
}

/** Scores every genome (in order); a failed evaluation is an error naming the genome and the reason. */
export async function scoreWithSupernet(store: Store, genomes: readonly Genome[], options: ScoreOptions): Promise<ScoredArchitecture[]> {
  const version = options.version ?? (store.lastGeneration()?.supernetVersion || store.latestSupernetVersion());
  const record = store.getSupernet(version);
  const progress = supernetProgress(record);
  if (!record || !progress) throw new InputError(`${store.runDir} holds no trained supernet${options.version === undefined ? '' : ` version ${options.version}`}; train one with evo-nas supernet train or evo-nas run`);
  if (progress.epoch < progress.settings.epochs) {
    throw new InputError(`the supernet in ${store.runDir} is still training (epoch ${progress.epoch} of ${progress.settings.epochs}); finish it first`);
  }
  checkValidationImages(options.validationImages, progress.settings.dataset);
  const space = getSpace(progress.settings.space);
  const costSetting = { classes: progress.classes, inputChannels: progress.inputChannels, shortcut: progress.settings.shortcut, inputSize: progress.inputSize };
  const problem = evaluatorProblem({
    space,
    costOf: (genome) => genomeCost(genome, space, costSetting),
    evalSpec: supernetEvalSpec(progress, options),
    supernetVersion: version,
    seed: progress.settings.seed,
    // With a queue, remote workers get the version's weights from Redis, published before the first job.
    evaluator: evaluatorFor(
      await supernetHandler(store, { ...options, dataset: progress.settings.dataset }),
      { ...options, runDir: store.runDir },
      publishingHooks(store, record, options.log ?? (() => undefined)),
    ),
  });
  let done = 0;
  try {
    const outcomes = await problem.evaluate(genomes, () => options.onScored?.(++done, genomes.length));
    return outcomes.map((outcome, i) => {
      const genome = genomes[i] as Genome;
      if (!outcome.ok) throw new Error(`scoring ${genome.join('-')} failed: ${outcome.reason}`);
      return { genome, metrics: outcome.metrics };
    });
  } finally {
    await problem.close();
  }
}
