/**
 * The training flags of `evo-nas train` and `evo-nas table build`, declared once (their values
 * become settings in src/model-training/flags.ts). Nothing heavy is imported here.
 */
import { Option, type Command } from 'commander';
import { addAugmentOptions } from '../augment/options.js';
import { VALIDATION_SOURCES } from '../model-training/settings.js';
import { MAX_SEED } from '../random/rng.js';
import { DEFAULT_RECIPE, RECIPES, SCHEDULE_KINDS } from '../train/recipes.js';
import { fraction, nonNegativeNumber, positiveNumber, risingList, wholeNumber } from './options.js';

/** The recipes, one line each, for help texts. */
export function recipeList(): string {
  return [...RECIPES].map(([name, r]) => `  ${name.padEnd(9)} ${r.description}`).join('\n');
}

/** Adds the dataset, recipe, SGD, image-count, seed and augmentation flags; returns `command`. */
export function addTrainingOptions(command: Command, seedHelp = 'random seed (0 to 4294967295)'): Command {
  command
    .requiredOption('--dataset <name>', 'dataset (see evo-nas data list)')
    .option('--data-dir <dir>', 'a folder holding datasets (searched first)')
    .addOption(new Option('--recipe <name>', 'the hyper-parameters the flags below default to').choices([...RECIPES.keys()]).default(DEFAULT_RECIPE))
    .option('--epochs <n>', 'epochs (recipe: 300 for cifar10, 200 for cifar100)', wholeNumber(1))
    .option('--batch <n>', 'images per step (recipe: 128)', wholeNumber(1))
    .option('--lr <rate>', 'peak learning rate (recipe: 0.1)', positiveNumber)
    .addOption(new Option('--schedule <kind>', 'learning-rate schedule (recipe: cosine for cifar10, step for cifar100)').choices([...SCHEDULE_KINDS]))
    .option('--milestones <epochs>', 'epochs where the step schedule multiplies the rate by --gamma (recipe: 60,120,160); implies --schedule step', risingList)
    .option('--gamma <factor>', "the step schedule's factor (recipe: 0.2)", positiveNumber)
    .option('--warmup-epochs <n>', 'epochs of linear warm-up (recipe: 0 for cifar10, 1 for cifar100)', wholeNumber(0))
    .option('--momentum <m>', 'SGD momentum (recipe: 0.9)', fraction)
    .option('--nesterov', 'Nesterov momentum')
    .option('--weight-decay <wd>', 'coupled L2 weight decay (recipe: 5e-4)', nonNegativeNumber)
    .option('--label-smoothing <e>', 'label smoothing epsilon', fraction, 0)
    .addOption(new Option('--validation <source>', 'validate on the test split (as the tables report) or 10% held out of training').choices([...VALIDATION_SOURCES]).default('test'))
    .option('--train-images <n>', 'train on only the first N training images (quick runs)', wholeNumber(1))
    .option('--val-images <n>', 'validate on only the first N validation images', wholeNumber(1))
    .option('--seed <seed>', seedHelp, wholeNumber(0, MAX_SEED), 0);
  return addAugmentOptions(command);
}
