/**
 * The training flags of `evo-nas train` and `evo-nas table build`, from the declared settings
 * (their values become settings in src/model-training/flags.ts). Nothing heavy is imported here.
 */
import type { Command } from 'commander';
import { addAugmentOptions } from '../augment/options.js';
import { addSettings } from '../settings/commander.js';
import { SEED } from '../settings/common.js';
import { DATA_DIR, DATASET, TRAIN_IMAGES, VALIDATION_IMAGES } from '../settings/data.js';
import { withDefault } from '../settings/setting.js';
import { BATCH_SIZE, EPOCHS, GAMMA, LABEL_SMOOTHING, LR, MILESTONES, MOMENTUM, NESTEROV, RECIPE, SCHEDULE, VALIDATION, WARMUP_EPOCHS, WEIGHT_DECAY } from '../settings/training.js';
import { RECIPES } from '../train/recipes.js';

/** The recipes, one line each, for help texts. */
export function recipeList(): string {
  return [...RECIPES].map(([name, r]) => `  ${name.padEnd(9)} ${r.description}`).join('\n');
}

/** Adds the dataset, recipe, SGD, image-count, seed and augmentation flags; returns `command`. */
export function addTrainingOptions(command: Command, seedHelp = SEED.help): Command {
  command.requiredOption('--dataset <name>', DATASET.help);
  addSettings(command, [
    DATA_DIR,
    RECIPE,
    { ...EPOCHS, help: 'epochs (recipe: 300 for cifar10, 200 for cifar100)' },
    // No declared default: an absent flag takes the recipe's value.
    withDefault(BATCH_SIZE, undefined, 'images per step (recipe: 128)'),
    withDefault(LR, undefined, 'peak learning rate (recipe: 0.1)'),
    { ...SCHEDULE, help: 'learning-rate schedule (recipe: cosine for cifar10, step for cifar100)' },
    { ...MILESTONES, help: `${MILESTONES.help} (recipe: 60,120,160)` },
    { ...GAMMA, help: `${GAMMA.help} (recipe: 0.2)` },
    { ...WARMUP_EPOCHS, help: 'epochs of linear warm-up (recipe: 0 for cifar10, 1 for cifar100)' },
    { ...MOMENTUM, help: 'SGD momentum (recipe: 0.9)' },
    NESTEROV,
    { ...WEIGHT_DECAY, help: 'coupled L2 weight decay (recipe: 5e-4)' },
    LABEL_SMOOTHING,
    VALIDATION,
    TRAIN_IMAGES,
    VALIDATION_IMAGES,
    { ...SEED, help: seedHelp },
  ]);
  return addAugmentOptions(command);
}
