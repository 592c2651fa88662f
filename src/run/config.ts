/**
 * A run's configuration: defaults, then a JSON config file, then command-line flags, each
 * overriding the one before; checked once, here, with messages that name the setting and say
 * what is allowed. The resolved configuration is saved in the run's store; resuming compares
 * against it.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import type { Strategy } from '../../populations/manager.js';
import { InputError } from '../errors/errors.js';
import type { CostObjective } from '../search/metrics.js';
import { checkValues, defaultsOf } from '../settings/check.js';
import { BACKEND, RUN_DIR, SEED } from '../settings/common.js';
import { DATA_DIR, DATASET, TRAIN_IMAGES, VALIDATION_IMAGES } from '../settings/data.js';
import { EVAL_ATTEMPTS, EVAL_TIMEOUT_SECONDS, EVALUATOR, FINE_TUNE_STEPS, QUEUE, RECALIBRATION_BATCHES, WORKERS } from '../settings/evaluation.js';
import {
  AGING_CAPACITY,
  CROSSOVER,
  CROSSOVER_PROBABILITY,
  GENERATIONS,
  MAX_MACS,
  MAX_PARAMS,
  MUTATION,
  MUTATION_PROBABILITY,
  OBJECTIVE,
  POPULATION,
  SPACE,
  STRATEGY,
  TOURNAMENT_SIZE,
} from '../settings/search.js';
import { wholeNumber } from '../settings/kinds.js';
import { flagOf, type Setting } from '../settings/setting.js';
import { DISTILL, SAMPLING, SANDWICH, SUPERNET_EPOCHS } from '../settings/supernet.js';
import { BATCH_SIZE, LR } from '../settings/training.js';
import type { CrossoverKind } from '../space/crossover.js';
import type { MutationKind } from '../space/mutate.js';
import type { SubnetSampling } from '../space/sample.js';

export interface RunConfig {
  /** Where the run's store lives (default: runs/<strategy>-seed<seed>). */
  readonly runDir: string;
  /** Generations in all, the initial population included. */
  readonly generations: number;
  /** Genomes evaluated per generation (and the population NSGA-II keeps). */
  readonly population: number;
  readonly seed: number;
  readonly strategy: Strategy;
  /** The cost minimised beside the error. */
  readonly objective: CostObjective;
  readonly maxParams: number | null;
  readonly maxMacs: number | null;
  /** How genomes are evaluated: `table:FILE`, or `supernet` (null: supernet). */
  readonly evaluator: string | null;
  /** The search space; null: the evaluator's own (a table's is told by its file name). */
  readonly space: string | null;
  /** Evaluator worker threads; 0 evaluates in the main thread (with a queue: only the queue's workers). */
  readonly workers: number;
  /** A Redis URL whose `evo-nas worker`s evaluate (null: this host only). Never stored: it may hold a password. */
  readonly queue: string | null;
  /** Seconds one evaluation attempt may run before its worker is replaced. */
  readonly evalTimeoutSeconds: number;
  /** Tries per evaluation before it is recorded as failed. */
  readonly evalAttempts: number;
  readonly crossover: CrossoverKind;
  readonly crossoverProbability: number;
  readonly mutation: MutationKind;
  /** Chance each position mutates; null: 1 / genome length. */
  readonly mutationProbability: number | null;
  /** Aging evolution: how many of the newest individuals stay alive (default: twice the population). */
  readonly agingCapacity: number | null;
  /** Aging evolution: members sampled per tournament (default: a quarter of the capacity, as Real et al.'s 25 of 100). */
  readonly tournamentSize: number | null;
  /** Supernet evaluator: the dataset trained and validated on (its test split is never used). */
  readonly dataset: string;
  readonly dataDir: string | null;
  /** Supernet evaluator: epochs of supernet training before the search. */
  readonly supernetEpochs: number;
  readonly batchSize: number;
  /** Peak learning rate of supernet training (cosine, one epoch of warm-up). */
  readonly lr: number;
  /** Random subnets per supernet training step beside the largest and smallest (sandwich rule). */
  readonly sandwich: number;
  /** How each supernet training step draws its subnets beside the largest (see stepSubnets). */
  readonly sampling: SubnetSampling;
  /** Whether the subnets learn from the largest one's output (in-place distillation) or from the labels. */
  readonly distill: boolean;
  /** Use only the first N training images (null: all), for quick runs. */
  readonly trainImages: number | null;
  /** Validation images each candidate is measured on. */
  readonly validationImages: number;
  /** Training batches used to recalibrate each candidate's BN statistics. */
  readonly recalibrationBatches: number;
  /** Steps of fine-tuning a candidate's copy before measuring it (0: none). */
  readonly fineTuneSteps: number;
  /** TensorFlow.js backend: auto, node-gpu, node, wasm or cpu. */
  readonly backend: string;
}

/**
 * The settings of a run, in the order help lists them; their kinds, bounds and defaults are
 * declared once in src/settings, and `evo-nas run` derives its flags from this list.
 */
export const RUN_SETTINGS: readonly Setting[] = [
  GENERATIONS,
  POPULATION,
  WORKERS,
  SEED,
  { ...RUN_DIR, default: null, defaultText: 'runs/<strategy>-seed<seed>' },
  MAX_PARAMS,
  MAX_MACS,
  STRATEGY,
  OBJECTIVE,
  EVALUATOR,
  QUEUE,
  SPACE,
  CROSSOVER,
  CROSSOVER_PROBABILITY,
  MUTATION,
  MUTATION_PROBABILITY,
  AGING_CAPACITY,
  TOURNAMENT_SIZE,
  EVAL_TIMEOUT_SECONDS,
  EVAL_ATTEMPTS,
  DATASET,
  DATA_DIR,
  SUPERNET_EPOCHS,
  BATCH_SIZE,
  { ...LR, help: 'peak learning rate of supernet training (cosine with one epoch of warm-up)' },
  SANDWICH,
  SAMPLING,
  DISTILL,
  TRAIN_IMAGES,
  { ...VALIDATION_IMAGES, kind: wholeNumber(1), help: 'supernet evaluator: validation images each candidate is measured on', default: 1000, defaultText: undefined },
  RECALIBRATION_BATCHES,
  FINE_TUNE_STEPS,
  BACKEND,
];

/** The declared defaults (runDir and workers are derived when the run is resolved). */
export const DEFAULTS = defaultsOf(RUN_SETTINGS.filter((s) => s.key !== 'runDir')) as unknown as Omit<RunConfig, 'runDir' | 'workers'>;

/** Settings that may differ when a run is resumed: they do not change its results. */
export const RESUMABLE_CHANGES: readonly (keyof RunConfig)[] = ['generations', 'workers', 'evalTimeoutSeconds', 'evalAttempts', 'evaluator', 'runDir', 'dataDir', 'queue'];

/** The flag a setting is given with: maxParams -> --max-params. */
export function flagName(key: string): string {
  return flagOf({ key });
}

/**
 * Checks settings from one source (`where`: "config file x.json", or "" for flags) and returns
 * them typed; unknown keys are refused with the list of known ones.
 */
export function checkSettings(settings: Readonly<Record<string, unknown>>, where: string): Partial<RunConfig> {
  return checkValues(settings, RUN_SETTINGS, where) as Partial<RunConfig>;
}

/** Reads a JSON config file whose keys are the settings' names (camelCase: "maxParams"). */
export function readConfigFile(file: string): Partial<RunConfig> {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new InputError(`cannot read config file ${file}: ${(error as Error).message}`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new InputError(`config file ${file} must hold a JSON object of settings, e.g. {"population": 20, "strategy": "nsga2"}`);
  }
  return checkSettings(json as Record<string, unknown>, `config file ${file}`);
}

/** Defaults overridden by `settings` (already merged: file, then flags), with derived defaults filled in. */
export function resolveConfig(settings: Partial<RunConfig>): RunConfig {
  // With a queue, the run's host evaluates only when asked to (--workers N).
  const merged = { ...DEFAULTS, workers: settings.queue ? 0 : availableParallelism(), ...settings };
  const config: RunConfig = {
    ...merged,
    evaluator: absoluteEvaluator(merged.evaluator),
    runDir: merged.runDir ?? `runs/${merged.strategy}-seed${merged.seed}`,
    ...agingDefaults(merged),
  };
  checkSettings(config as unknown as Record<string, unknown>, '');
  checkAgingSizes(merged);
  return config;
}

/**
 * Aging evolution's sizes against each other: a generation of `population` newcomers must fit
 * among the living, and a tournament samples from them (Real et al. 2019: 25 of 100). Checked
 * whatever the strategy, so a config file means the same under every one.
 */
function checkAgingSizes(config: Pick<RunConfig, 'population' | 'agingCapacity' | 'tournamentSize'>): void {
  const { agingCapacity, tournamentSize } = agingDefaults(config);
  if (agingCapacity < config.population) {
    throw new InputError(`--aging-capacity ${agingCapacity} must be at least --population ${config.population}: each generation's newcomers must fit among the living`);
  }
  if (tournamentSize > agingCapacity) {
    throw new InputError(
      `--tournament-size ${tournamentSize} must be at most the aging capacity ${agingCapacity}` +
        `${config.agingCapacity === null ? ` (twice --population ${config.population}; set --aging-capacity for more)` : ''}: a tournament samples the living`,
    );
  }
}

/**
 * Aging evolution's sizes, the one place their defaults are computed: the capacity is twice the
 * population, the tournament a quarter of the capacity (Real et al. 2019 sample 25 of 100), at
 * least 2.
 */
export function agingDefaults(config: Pick<RunConfig, 'population' | 'agingCapacity' | 'tournamentSize'>): { agingCapacity: number; tournamentSize: number } {
  const agingCapacity = config.agingCapacity ?? 2 * config.population;
  return { agingCapacity, tournamentSize: config.tournamentSize ?? Math.max(2, Math.round(agingCapacity / 4)) };
}

/**
 * The stored configuration of a run being resumed, with the changes `settings` may make
 * ({@link RESUMABLE_CHANGES}); any other difference is refused, naming each setting.
 */
export function resumeConfig(stored: RunConfig, settings: Partial<RunConfig>): RunConfig {
  const conflicts = Object.entries(settings).filter(
    ([key, value]) => !RESUMABLE_CHANGES.includes(key as keyof RunConfig) && JSON.stringify(value) !== JSON.stringify(stored[key as keyof RunConfig]),
  );
  if (conflicts.length > 0) {
    const list = conflicts.map(([key, value]) => `${flagName(key)} ${JSON.stringify(value)} (the run has ${JSON.stringify(stored[key as keyof RunConfig])})`);
    throw new InputError(
      `run directory ${stored.runDir} holds a run with other settings: ${list.join('; ')}. ` +
        `Resume it with its own settings (only ${RESUMABLE_CHANGES.map(flagName).join(', ')} may change), or choose another --run-dir.`,
    );
  }
  return { ...stored, ...settings, evaluator: absoluteEvaluator(settings.evaluator ?? stored.evaluator) };
}

/** `table:FILE` with FILE made absolute, so a stored run resumes from any working directory. */
function absoluteEvaluator(evaluator: string | null): string | null {
  return evaluator?.startsWith('table:') && evaluator.length > 'table:'.length ? `table:${resolve(evaluator.slice('table:'.length))}` : evaluator;
}
