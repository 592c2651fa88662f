/**
 * `evo-nas train --model NAME_OR_ENTRY --dataset D`: trains a zoo architecture, or retrains an
 * architecture exported by a search, with the seed's recipes; checkpoints every epoch into the
 * run directory's store and resumes from it when run again; ends with the results row.
 */
import { augmentConfigFromOptions, type AugmentOptions } from '../../augment/options.js';
import { InputError } from '../../errors/errors.js';
import { checkSettings, type ModelTrainingSettings, type ValidationSource, type WeightStart } from '../../model-training/settings.js';
import { formatResultRow, type TrainingResult } from '../../model-training/results.js';
import { trainModel } from '../../model-training/job.js';
import { initBackend, type BackendChoice } from '../../nn/backend.js';
import { Store } from '../../store/store.js';
import { getRecipe, type ScheduleKind } from '../../train/recipes.js';
import { resolveModel } from '../../zoo/source.js';
import { folderSlug, lastComponentSlug } from '../../export/folder-name.js';

export interface TrainCommandOptions extends AugmentOptions {
  readonly model: string;
  readonly dataset: string;
  readonly dataDir?: string | null;
  readonly runDir?: string;
  readonly recipe: string;
  readonly epochs?: number;
  readonly batchSize?: number;
  readonly lr?: number;
  readonly schedule?: ScheduleKind;
  readonly milestones?: number[];
  readonly gamma?: number;
  readonly warmupEpochs?: number;
  readonly momentum?: number;
  readonly nesterov?: boolean;
  readonly weightDecay?: number;
  readonly labelSmoothing: number;
  readonly validation: ValidationSource;
  readonly init: WeightStart;
  readonly trainImages?: number | null;
  readonly validationImages?: number | null;
  readonly seed: number;
  readonly backend?: BackendChoice;
  readonly json?: boolean;
}

export interface TrainCommandIo {
  /** Epoch lines and notes (stderr under --json, so stdout stays JSON). */
  readonly log: (line: string) => void;
  readonly onStep?: (epoch: number, done: number, total: number) => void;
}

/** The run directory used when --run-dir is not given: one per model, dataset and seed. */
export function defaultRunDir(model: string, dataset: string, seed: number): string {
  return `runs/train-${lastComponentSlug(model, 'model')}-${folderSlug(dataset, 'data')}-seed${seed}`;
}

/** The settings the flags describe: the recipe's values where a flag is absent. */
export function trainingSettings(options: TrainCommandOptions): ModelTrainingSettings {
  const recipe = getRecipe(options.recipe);
  const source = resolveModel(options.model);
  if (options.schedule === 'cosine' && options.milestones) throw new InputError('--milestones belong to the step schedule; drop them or use --schedule step');
  const schedule = options.schedule ?? (options.milestones ? 'step' : recipe.schedule);
  const epochs = options.epochs ?? recipe.epochs;
  return checkSettings({
    model: source.kind === 'entry' ? source.entry.dir : source.architecture.name,
    genome: source.kind === 'entry' ? source.entry.genome : null,
    init: options.init,
    dataset: options.dataset,
    dataDir: options.dataDir ?? null,
    validation: options.validation,
    seed: options.seed,
    recipe: options.recipe,
    epochs,
    batchSize: options.batchSize ?? recipe.batchSize,
    lr: options.lr ?? recipe.lr,
    schedule,
    // The recipe's milestones belong to its epoch count; with fewer epochs, keep those that fall inside.
    milestones: schedule === 'step' ? (options.milestones ?? recipe.milestones.filter((m) => m < epochs)) : [],
    gamma: options.gamma ?? recipe.gamma,
    warmupEpochs: options.warmupEpochs ?? Math.min(recipe.warmupEpochs, epochs - 1),
    momentum: options.momentum ?? recipe.momentum,
    nesterov: options.nesterov ?? false,
    weightDecay: options.weightDecay ?? recipe.weightDecay,
    labelSmoothing: options.labelSmoothing,
    augment: augmentConfigFromOptions(options),
    trainImages: options.trainImages ?? null,
    validationImages: options.validationImages ?? null,
  });
}

export async function trainCommand(options: TrainCommandOptions, io: TrainCommandIo): Promise<string> {
  const settings = trainingSettings(options);
  const runDir = options.runDir ?? defaultRunDir(options.model, options.dataset, options.seed);
  const backend = await initBackend(options.backend);
  io.log(`backend ${backend.backend}; checkpoints in ${runDir} (run the same command again to resume)`);
  const store = Store.open(runDir);
  let result: TrainingResult;
  try {
    result = await trainModel(store, settings, io);
  } finally {
    await store.close();
  }
  return options.json ? JSON.stringify({ runDir, ...result }) : formatResultRow(result);
}
