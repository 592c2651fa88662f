/**
 * What a `table build` trains, as plain data: its settings (saved once in the run's store; a
 * resume must ask for the same), the stratified sample of genomes, and one evaluation task per
 * (genome, training seed). A task's evaluation spec holds the whole training recipe and its seed,
 * so the store's evaluation key (genome hash, version 0, spec hash) names exactly one training,
 * and a task's result depends on that task alone — not on the worker that ran it, nor the order.
 */
import type { EvaluationSpec, EvaluationTask } from '../../evaluators/task.js';
import { evalSpecHash } from '../../evaluators/task.js';
import { getDatasetSpec } from '../data/load.js';
import type { EpochSettings } from '../model-training/epochs.js';
import type { GenomeTraining } from '../model-training/train-genome.js';
import { MAX_SEED, Rng } from '../random/rng.js';
import { evaluationKey } from '../search/problem.js';
import { genomeCost, genomeHash, getSpace, type Cost, type Genome, type ResNetSpace, type Shortcut } from '../space/index.js';
import { stratifiedSample } from './sample.js';

export interface TableBuildSettings {
  readonly space: string;
  readonly shortcut: Shortcut;
  readonly architectures: number;
  /** Trainings per architecture; training k (0-based) uses seed `training.seed + k`. */
  readonly seeds: number;
  /** Seeds the sample too (fork "table-sample"). */
  readonly training: EpochSettings;
}

/** The evaluation spec of one training of a genome: handler kind `training`. */
export interface TrainingEvalSpec extends EvaluationSpec, GenomeTraining {
  readonly kind: 'training';
}

export interface PlannedTask {
  readonly genome: Genome;
  /** Which of the architecture's trainings, 0-based. */
  readonly seedIndex: number;
  readonly task: EvaluationTask;
  /** The store's evaluation key of the task's result. */
  readonly key: string;
}

export interface BuildPlan {
  readonly space: ResNetSpace;
  /** Smallest to largest parameter count. */
  readonly genomes: readonly Genome[];
  /** Seed-major: every architecture's first training, then every second one, ... */
  readonly tasks: readonly PlannedTask[];
  readonly costOf: (genome: Genome) => Cost;
}

/** The seed of training `k` of every architecture. */
export function trainingSeed(base: number, k: number): number {
  return (base + k) % (MAX_SEED + 1);
}

export function buildPlan(settings: TableBuildSettings): BuildPlan {
  const space = getSpace(settings.space);
  const data = getDatasetSpec(settings.training.dataset);
  const [height, width, channels] = data.shape;
  const costOf = (genome: Genome) =>
    genomeCost(genome, space, { classes: data.classes, inputChannels: channels, inputSize: [height, width], shortcut: settings.shortcut });
  const genomes = stratifiedSample(space, settings.architectures, Rng.fromSeed(settings.training.seed).fork('table-sample'), (g) => costOf(g).params);
  const tasks: PlannedTask[] = [];
  // Architecture-major, so a partial table holds every seed of its finished architectures and the
  // seed-to-seed ceiling can be read while a long build runs.
  for (const genome of genomes) {
    for (let seedIndex = 0; seedIndex < settings.seeds; seedIndex++) {
      const seed = trainingSeed(settings.training.seed, seedIndex);
      const evalSpec: TrainingEvalSpec = { kind: 'training', space: space.name, shortcut: settings.shortcut, ...settings.training, seed };
      const scope = { supernetVersion: 0, evalSpecHash: evalSpecHash(evalSpec) };
      tasks.push({ genome, seedIndex, task: { genome, supernetVersion: 0, evalSpec, seed }, key: evaluationKey(genomeHash(genome, space), scope) });
    }
  }
  return { space, genomes, tasks, costOf };
}
