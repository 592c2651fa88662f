/**
 * The training flags shared by `evo-nas train` and `evo-nas table build` (recipe, epochs, batch,
 * learning rate and schedule, SGD, augmentation, image counts, seed), turned into the settings
 * that decide how a network trains: the recipe's value wherever a flag is absent.
 */
import { augmentConfigFromOptions, type AugmentOptions } from '../augment/options.js';
import { InputError } from '../errors/errors.js';
import { getRecipe, type ScheduleKind } from '../train/recipes.js';
import type { EpochSettings } from './epochs.js';
import type { ValidationSource } from './settings.js';

export interface TrainingFlags extends AugmentOptions {
  readonly dataset: string;
  readonly dataDir?: string | null;
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
  readonly trainImages?: number | null;
  readonly validationImages?: number | null;
  readonly seed: number;
}

/** The settings the flags describe, checked against each other. */
export function epochSettingsFromFlags(options: TrainingFlags): EpochSettings {
  const recipe = getRecipe(options.recipe);
  if (options.schedule === 'cosine' && options.milestones) throw new InputError('--milestones belong to the step schedule; drop them or use --schedule step');
  const schedule = options.schedule ?? (options.milestones ? 'step' : recipe.schedule);
  const epochs = options.epochs ?? recipe.epochs;
  return checkEpochSettings({
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

/** Checks the schedule flags against the epochs; throws an InputError naming the flag. */
export function checkEpochSettings<S extends EpochSettings>(s: S): S {
  if (s.warmupEpochs >= s.epochs) {
    throw new InputError(`--warmup-epochs ${s.warmupEpochs} must be fewer than --epochs ${s.epochs}`);
  }
  const badMilestone = s.milestones.find((m, i) => !Number.isInteger(m) || m < 1 || m >= s.epochs || (i > 0 && m <= (s.milestones[i - 1] as number)));
  if (s.schedule === 'step' && (s.milestones.length === 0 || badMilestone !== undefined)) {
    throw new InputError(
      `--milestones must be rising whole epochs from 1 to ${s.epochs - 1} (below --epochs) for the step schedule (got ${s.milestones.join(',') || 'none'})`,
    );
  }
  return s;
}
