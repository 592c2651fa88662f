/** Settings of supernet training (Yu et al. 2019's sandwich rule with in-place distillation). */
import { SUBNET_SAMPLINGS } from '../space/sample.js';
import { choice, onOff, wholeNumber } from './kinds.js';
import { setting } from './setting.js';

export const SUPERNET_EPOCHS = setting({ key: 'supernetEpochs', kind: wholeNumber(1), placeholder: '<n>', help: 'supernet evaluator: epochs of supernet training before the search', default: 5 });
export const SANDWICH = setting({ key: 'sandwich', kind: wholeNumber(0, 16), placeholder: '<n>', help: 'random subnets per step beside the largest and smallest (sandwich rule)', default: 2 });
export const DISTILL = setting({ key: 'distill', kind: onOff, placeholder: '', help: "train every subnet on the labels instead of the largest subnet's output", default: true });
export const SAMPLING = setting({
  key: 'sampling',
  kind: choice(SUBNET_SAMPLINGS),
  placeholder: '<kind>',
  help: "how each step draws its subnets beside the largest: sandwich (the smallest + N random), uniform (N+1 random) or fair (N+1 covering each position's widths evenly)",
  default: 'fair',
});
