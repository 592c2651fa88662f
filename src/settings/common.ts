/** Settings many commands share: the seed, the run directory, the TensorFlow.js backend. */
import { BACKEND_CHOICES } from '../nn/backend-choice.js';
import { MAX_SEED } from '../random/rng.js';
import { choice, text, wholeNumber } from './kinds.js';
import { setting } from './setting.js';

export const SEED = setting({ key: 'seed', kind: wholeNumber(0, MAX_SEED), placeholder: '<seed>', help: `random seed, 0 to ${MAX_SEED}`, default: 0 });

export const RUN_DIR = setting({ key: 'runDir', kind: text, placeholder: '<dir>', help: 'where the run is stored' });

export const BACKEND = setting({
  key: 'backend',
  kind: choice(BACKEND_CHOICES),
  placeholder: '<name>',
  help: 'TensorFlow.js backend',
  default: 'auto',
  defaultText: '$EVO_NAS_BACKEND, else auto',
});
