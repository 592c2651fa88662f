/**
 * A run's configuration: defaults, then a JSON config file, then command-line flags, each
 * overriding the one before; checked once, here, with messages that name the setting and say
 * what is allowed. The resolved configuration is saved in the run's store; resuming compares
 * against it.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { STRATEGIES, type Strategy } from '../../populations/manager.js';
import { InputError } from '../errors/errors.js';
import { BACKEND_CHOICES } from '../nn/backend-choice.js';
import { MAX_SEED } from '../random/rng.js';
import { COST_OBJECTIVES, type CostObjective } from '../search/metrics.js';
import { CROSSOVER_KINDS, type CrossoverKind } from '../space/crossover.js';
import { MUTATION_KINDS, type MutationKind } from '../space/mutate.js';

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
  /** How genomes are evaluated: `table:FILE` (the supernet evaluator is not built yet). */
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

export const DEFAULTS: Omit<RunConfig, 'runDir' | 'workers'> = {
  generations: 50,
  population: 20,
  seed: 0,
  strategy: 'nsga2',
  objective: 'params',
  maxParams: null,
  maxMacs: null,
  evaluator: null,
  space: null,
  queue: null,
  evalTimeoutSeconds: 600,
  evalAttempts: 3,
  crossover: 'uniform',
  crossoverProbability: 0.9,
  mutation: 'neighbour',
  mutationProbability: null,
  tournamentSize: null,
  agingCapacity: null,
  dataset: 'fashion-mnist-mini',
  dataDir: null,
  supernetEpochs: 5,
  batchSize: 64,
  lr: 0.1,
  sandwich: 2,
  trainImages: null,
  validationImages: 1000,
  recalibrationBatches: 2,
  fineTuneSteps: 0,
  backend: 'auto',
};

/** Settings that may differ when a run is resumed: they do not change its results. */
export const RESUMABLE_CHANGES: readonly (keyof RunConfig)[] = ['generations', 'workers', 'evalTimeoutSeconds', 'evalAttempts', 'evaluator', 'runDir', 'dataDir', 'queue'];

type Check = (value: unknown) => string | undefined;
const whole = (min: number, max = Number.MAX_SAFE_INTEGER): Check => (v) =>
  typeof v === 'number' && Number.isSafeInteger(v) && v >= min && v <= max
    ? undefined
    : `must be a whole number ${max === Number.MAX_SAFE_INTEGER ? `≥ ${min}` : `from ${min} to ${max}`}`;
const oneOf = (allowed: readonly string[]): Check => (v) =>
  typeof v === 'string' && allowed.includes(v) ? undefined : `must be one of ${allowed.join(', ')}`;
const text: Check = (v) => (typeof v === 'string' && v.trim() !== '' ? undefined : 'must be a non-empty string');
const probability: Check = (v) => (typeof v === 'number' && v >= 0 && v <= 1 ? undefined : 'must be a probability from 0 to 1');
const orNull = (check: Check): Check => (v) => (v === null ? undefined : check(v));

const CHECKS: Record<keyof RunConfig, Check> = {
  runDir: text,
  generations: whole(1),
  population: whole(4),
  seed: whole(0, MAX_SEED),
  strategy: oneOf(STRATEGIES),
  objective: oneOf(COST_OBJECTIVES),
  maxParams: orNull(whole(1)),
  maxMacs: orNull(whole(1)),
  evaluator: orNull(text),
  space: orNull(text),
  workers: whole(0, 256),
  queue: orNull(text),
  evalTimeoutSeconds: whole(1),
  evalAttempts: whole(1, 100),
  crossover: oneOf(CROSSOVER_KINDS),
  crossoverProbability: probability,
  mutation: oneOf(MUTATION_KINDS),
  mutationProbability: orNull(probability),
  tournamentSize: orNull(whole(2)),
  agingCapacity: orNull(whole(1)),
  dataset: text,
  dataDir: orNull(text),
  supernetEpochs: whole(1),
  batchSize: whole(1),
  lr: (v) => (typeof v === 'number' && v > 0 && v <= 10 ? undefined : 'must be a number above 0 and at most 10'),
  sandwich: whole(0, 16),
  trainImages: orNull(whole(1)),
  validationImages: whole(1),
  recalibrationBatches: whole(1),
  fineTuneSteps: whole(0),
  backend: oneOf(BACKEND_CHOICES),
};

/** The flag a setting is given with: maxParams -> --max-params. */
export function flagName(key: string): string {
  return `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/**
 * Checks settings from one source (`where`: "config file x.json", or "" for flags) and returns
 * them typed; unknown keys are refused with the list of known ones.
 */
export function checkSettings(settings: Readonly<Record<string, unknown>>, where: string): Partial<RunConfig> {
  for (const [key, value] of Object.entries(settings)) {
    if (value === undefined) continue;
    const check = CHECKS[key as keyof RunConfig];
    if (!check) throw new InputError(`${where}: unknown setting "${key}"; known settings: ${Object.keys(CHECKS).join(', ')}`);
    const problem = check(value);
    if (problem) {
      const name = where === '' ? flagName(key) : `${where}: "${key}"`;
      throw new InputError(`${name} ${problem} (got ${JSON.stringify(value)})`);
    }
  }
  return Object.fromEntries(Object.entries(settings).filter(([, v]) => v !== undefined)) as Partial<RunConfig>;
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
    agingCapacity: merged.agingCapacity ?? 2 * merged.population,
    tournamentSize: merged.tournamentSize ?? Math.max(2, Math.round(((merged.agingCapacity ?? 2 * merged.population) as number) / 4)),
  };
  checkSettings(config as unknown as Record<string, unknown>, '');
  return config;
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
