/** Settings that say which images a command reads. */
import { DEFAULT_DATASET } from '../data/default-dataset.js';
import { DEFAULT_VALIDATION_FRACTION } from '../data/split.js';
import { fraction, orNull, text, wholeNumber } from './kinds.js';
import { setting } from './setting.js';

export const DATASET = setting({ key: 'dataset', kind: text, placeholder: '<name>', help: 'dataset (see evo-nas data list)', default: DEFAULT_DATASET });

export const DATA_DIR = setting({ key: 'dataDir', kind: orNull(text), placeholder: '<dir>', help: 'a folder holding datasets (searched first)', default: null });

export const TRAIN_IMAGES = setting({
  key: 'trainImages',
  kind: orNull(wholeNumber(1)),
  placeholder: '<n>',
  help: 'use only the first N training images (quick runs)',
  default: null,
  defaultText: 'all',
});

export const VALIDATION_IMAGES = setting({
  key: 'validationImages',
  kind: orNull(wholeNumber(1)),
  placeholder: '<n>',
  help: 'validate on only the first N validation images',
  default: null,
  defaultText: 'all',
  aliases: ['--val-images'],
});

export const VALIDATION_FRACTION = setting({
  key: 'validationFraction',
  kind: fraction,
  placeholder: '<f>',
  help: 'share of train held out for validation',
  default: DEFAULT_VALIDATION_FRACTION,
});
