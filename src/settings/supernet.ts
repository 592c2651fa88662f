/** Settings of supernet training (Yu et al. 2019's sandwich rule with in-place distillation). */
import { SUBNET_SAMPLINGS } from '../space/sample.js';
import { choice, onOff, wholeNumber } from './kinds.js';
import { setting } from './setting.js';

export const SUPERNET_EPOCHS = setting({ key: 'supernetEpochs', kind: wholeNumber(1), placeholder: '<n>', help: 'supernet evaluator: epochs of supernet training before the search', default: 5 });
export const SANDWICH = setting({ key: 'sandwich', kind: wholeNumber(0, 16), placeholder: '<n>', help: 'random subnets per step beside the largest and smallest (sandwich rule)', default: 2 });
/**
 * In-place distillation (the other subnets learn the largest one's output) is off by default: with
 * it off, every subnet learns from the labels, as the standalone networks it stands for do, and
 * the supernet ranked the ground truth better in 5 of 6 paired measurements (docs/ranking.md).
 * `--no-distill`, the flag of when it was on by default, is still accepted.
 */
export const DISTILL = setting({
  key: 'distill',
  kind: onOff,
  placeholder: '',
  help: "in-place distillation: train the subnets beside the largest on its output instead of the labels",
  default: false,
  aliases: ['--no-distill'],
});
export const SAMPLING = setting({
  key: 'sampling',
  kind: choice(SUBNET_SAMPLINGS),
  placeholder: '<kind>',
  help: "how each step draws its subnets beside the largest: sandwich (the smallest + N random), uniform (N+1 random) or fair (N+1 covering each position's widths evenly)",
  default: 'fair',
});
