/**
 * One training step on the pure-JS CPU backend lowers the loss of a fixed batch for a
 * representative subset: a plain CIFAR ResNet, depthwise convs (MobileNetV2), the shake-shake
 * layer's custom gradient, stochastic depth, and a transformer. Inputs are tiny because the CPU
 * backend's convolution gradients are slow (a ResNet20 step at batch 64 takes minutes); where a
 * network's last stage would then be 1x1, the batch is 4, since batch norm over only two values
 * per channel makes the loss so sharp that no fixed step size is safe. The same check runs on
 * any backend (./training-step.ts).
 */
import t from 'tap';
import { checkTrainingStep } from './training-step.js';

const cases = [
  { name: 'resnet20', inputSize: 8, batch: 2, blocksMayDrop: false },
  { name: 'mobilenetv2-kuangliu', inputSize: 8, batch: 4, blocksMayDrop: false },
  { name: 'shakeshake26_2x32d', inputSize: 8, batch: 2, blocksMayDrop: false },
  { name: 'stochasticdepth18', inputSize: 4, batch: 4, blocksMayDrop: true },
  { name: 'vit', inputSize: 8, batch: 2, blocksMayDrop: false },
];

for (const c of cases) {
  t.test(`${c.name}: one SGD step on the CPU backend lowers the loss`, (t) => checkTrainingStep(t, { backend: 'cpu', ...c }));
}
