/**
 * The training recipes of the seed's result tables, as data, and the learning-rate schedule a
 * recipe's settings give per step.
 *
 * - `cifar10`: SGD momentum 0.9, weight decay 5e-4, lr 0.1, batch 128, cosine annealing over 300
 *   epochs (kuangliu/pytorch-cifar's recipe, run for the table's 300 epochs).
 * - `cifar100`: the same optimiser, lr 0.1 multiplied by 0.2 at epochs 60, 120 and 160, 200
 *   epochs, one epoch of linear warm-up (weiaicunzai/pytorch-cifar100's recipe).
 */
import { InputError } from '../errors/errors.js';
import { cosineWithWarmup, stepDecay, type Schedule } from './schedule.js';

export type ScheduleKind = 'cosine' | 'step';
export const SCHEDULE_KINDS: readonly ScheduleKind[] = ['cosine', 'step'];

/** The hyper-parameters a recipe fixes (and a training run records). */
export interface RecipeValues {
  readonly epochs: number;
  readonly batchSize: number;
  readonly lr: number;
  readonly schedule: ScheduleKind;
  /** Epochs at which the step schedule multiplies the rate by `gamma`. */
  readonly milestones: readonly number[];
  readonly gamma: number;
  readonly warmupEpochs: number;
  readonly momentum: number;
  readonly weightDecay: number;
}

export interface Recipe extends RecipeValues {
  readonly description: string;
}

export const RECIPES: ReadonlyMap<string, Recipe> = new Map([
  ['cifar10', {
    description: 'CIFAR-10 table: SGD 0.9, wd 5e-4, lr 0.1, batch 128, cosine over 300 epochs',
    epochs: 300, batchSize: 128, lr: 0.1, schedule: 'cosine', milestones: [], gamma: 0.2, warmupEpochs: 0, momentum: 0.9, weightDecay: 5e-4,
  }],
  ['cifar100', {
    description: 'CIFAR-100 table: SGD 0.9, wd 5e-4, lr 0.1 x0.2 at epochs 60/120/160, batch 128, 200 epochs, 1 warm-up epoch',
    epochs: 200, batchSize: 128, lr: 0.1, schedule: 'step', milestones: [60, 120, 160], gamma: 0.2, warmupEpochs: 1, momentum: 0.9, weightDecay: 5e-4,
  }],
]);

export const DEFAULT_RECIPE = 'cifar10';

export function getRecipe(name: string): Recipe {
  const recipe = RECIPES.get(name);
  if (!recipe) throw new InputError(`unknown recipe "${name}"; recipes: ${[...RECIPES.keys()].join(', ')}`);
  return recipe;
}

export type EpochScheduleSettings = Pick<RecipeValues, 'schedule' | 'lr' | 'epochs' | 'warmupEpochs' | 'milestones' | 'gamma'>;

/** The per-step learning rate of a schedule given in epochs. */
export function epochSchedule(settings: EpochScheduleSettings, stepsPerEpoch: number): Schedule {
  const warmupSteps = settings.warmupEpochs * stepsPerEpoch;
  if (settings.schedule === 'cosine') {
    return cosineWithWarmup({ baseLr: settings.lr, totalSteps: settings.epochs * stepsPerEpoch, warmupSteps });
  }
  return stepDecay({ baseLr: settings.lr, milestones: settings.milestones.map((m) => m * stepsPerEpoch), gamma: settings.gamma, warmupSteps });
}
