/**
 * Everything that decides a standalone training run's result (`evo-nas train`). It is saved in
 * every checkpoint; running again in the same run directory resumes only with the same settings.
 */
import { describeAugmentation, type AugmentConfig } from '../augment/config.js';
import { InputError } from '../errors/errors.js';
import { settingDifferences } from '../store/resume.js';
import { checkEpochSettings } from './flags.js';
import type { RecipeValues } from '../train/recipes.js';

/** Where validation images come from: the dataset's test split (as the seed's tables report) or 10% held out of training. */
export type ValidationSource = 'test' | 'holdout';
export const VALIDATION_SOURCES: readonly ValidationSource[] = ['test', 'holdout'];

/** `random`: fresh seeded weights. `inherited`: an exported entry's weights from its supernet. */
export type WeightStart = 'random' | 'inherited';
export const WEIGHT_STARTS: readonly WeightStart[] = ['random', 'inherited'];

export interface ModelTrainingSettings extends RecipeValues {
  /** A zoo registry name, or the absolute path of an exported entry. */
  readonly model: string;
  /** For an entry: the genome it holds, so a changed entry is not resumed into. */
  readonly genome: string | null;
  readonly init: WeightStart;
  readonly dataset: string;
  readonly dataDir: string | null;
  readonly validation: ValidationSource;
  readonly seed: number;
  /** The recipe the hyper-parameters (RecipeValues, as overridden by flags) default to. */
  readonly recipe: string;
  readonly nesterov: boolean;
  readonly labelSmoothing: number;
  readonly augment: AugmentConfig;
  /** Train on only the first N training images (null: all): quick runs and tests. */
  readonly trainImages: number | null;
  /** Validate on only the first N validation images (null: all). */
  readonly validationImages: number | null;
  /**
   * Equal shards each batch is cut into for data-parallel training (data-parallel.ts), each with
   * its own BN batch statistics: part of the result, unlike the worker count. Checkpoints written
   * before shards existed trained whole batches: 1.
   */
  readonly shards: number;
}

/** The settings as one line of hyper-parameters, for the results row. */
export function describeHyperParameters(s: ModelTrainingSettings): string {
  const schedule = s.schedule === 'cosine' ? 'cosine' : `x${s.gamma} at ${s.milestones.join('/')}`;
  const parts = [
    `SGD ${s.nesterov ? 'Nesterov ' : ''}${s.momentum}`,
    `wd ${s.weightDecay}`,
    `lr ${s.lr} ${schedule}`,
    `${s.epochs} epochs`,
    `batch ${s.batchSize}`,
    s.shards > 1 && `${s.shards} shards`,
    s.warmupEpochs > 0 && `warm-up ${s.warmupEpochs}`,
    s.labelSmoothing > 0 && `label smoothing ${s.labelSmoothing}`,
    s.init === 'inherited' && 'inherited weights',
    `aug: ${describeAugmentation(s.augment)}`,
  ];
  return parts.filter((p) => !!p).join(', ');
}

/** Checks the settings a user chose against each other; throws an InputError naming the flag. */
export function checkSettings(s: ModelTrainingSettings): ModelTrainingSettings {
  checkEpochSettings(s);
  if (!Number.isSafeInteger(s.shards) || s.shards < 1 || s.batchSize % s.shards !== 0) {
    throw new InputError(`--shards ${s.shards} must be a whole number ≥ 1 that divides the batch size ${s.batchSize}`);
  }
  if (s.init === 'inherited' && s.genome === null) {
    throw new InputError(`--init inherited needs an exported search entry as --model (a folder written by evo-nas export); ${s.model} is a zoo architecture`);
  }
  return s;
}

/** Refuses to resume with settings other than those the checkpoints were trained with. */
export function checkSameSettings(saved: ModelTrainingSettings, asked: ModelTrainingSettings, runDir: string): void {
  const differences = settingDifferences(saved, asked);
  if (differences.length > 0) {
    throw new InputError(`${runDir} holds a training with other settings (${differences.join('; ')}); use another --run-dir, or the same settings to resume it`);
  }
}
