/**
 * Settings of training a network: the SGD recipe's values (as `evo-nas train` overrides them) and
 * a retrained model's start and validation. A default here is the plain default;
 * `evo-nas train` declares none for the recipe values, which then come from --recipe.
 */
import { VALIDATION_SOURCES, WEIGHT_STARTS } from '../model-training/settings.js';
import { DEFAULT_RECIPE, RECIPES, SCHEDULE_KINDS } from '../train/recipes.js';
import { choice, fraction, nonNegativeNumber, onOff, positiveNumber, risingList, wholeNumber } from './kinds.js';
import { setting } from './setting.js';

export const EPOCHS = setting({ key: 'epochs', kind: wholeNumber(1), placeholder: '<n>', help: 'epochs of training' });
export const BATCH_SIZE = setting({ key: 'batchSize', kind: wholeNumber(1), placeholder: '<n>', help: 'images per step', default: 64, aliases: ['--batch'] });
export const LR = setting({ key: 'lr', kind: positiveNumber(10), placeholder: '<rate>', help: 'peak learning rate', default: 0.1 });
export const WARMUP_EPOCHS = setting({ key: 'warmupEpochs', kind: wholeNumber(0), placeholder: '<n>', help: 'epochs of linear warm-up' });
export const MOMENTUM = setting({ key: 'momentum', kind: fraction, placeholder: '<m>', help: 'SGD momentum' });
export const NESTEROV = setting({ key: 'nesterov', kind: onOff, placeholder: '', help: 'Nesterov momentum' });
export const WEIGHT_DECAY = setting({ key: 'weightDecay', kind: nonNegativeNumber, placeholder: '<wd>', help: 'coupled L2 weight decay' });
export const LABEL_SMOOTHING = setting({ key: 'labelSmoothing', kind: fraction, placeholder: '<e>', help: 'label smoothing epsilon', default: 0 });
export const SCHEDULE = setting({ key: 'schedule', kind: choice(SCHEDULE_KINDS), placeholder: '<kind>', help: 'learning-rate schedule' });
export const MILESTONES = setting({ key: 'milestones', kind: risingList, placeholder: '<epochs>', help: 'epochs where the step schedule multiplies the rate by --gamma; implies --schedule step' });
export const GAMMA = setting({ key: 'gamma', kind: positiveNumber(), placeholder: '<factor>', help: "the step schedule's factor" });
export const RECIPE = setting({ key: 'recipe', kind: choice([...RECIPES.keys()]), placeholder: '<name>', help: 'the hyper-parameters the flags below default to', default: DEFAULT_RECIPE });
export const VALIDATION = setting({
  key: 'validation',
  kind: choice(VALIDATION_SOURCES),
  placeholder: '<source>',
  help: 'validate on the test split (as the tables report) or 10% held out of training',
  default: 'test',
});
export const INIT = setting({
  key: 'init',
  kind: choice(WEIGHT_STARTS),
  placeholder: '<weights>',
  help: 'start from seeded random weights, or (for an exported entry) the weights it inherited from its supernet',
  default: 'random',
});
