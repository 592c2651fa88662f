/**
 * One training step on the wasm backend (with evo-nas's gradient kernels) lowers the loss of a
 * fixed batch for the same representative subset as the CPU test, at the CIFAR input size: a
 * plain CIFAR ResNet, depthwise convs (MobileNetV2), the shake-shake layer's custom gradient,
 * stochastic depth, and a transformer.
 */
import t from 'tap';
import { checkTrainingStep } from './training-step.js';

const cases = [
  { name: 'resnet20', inputSize: 32, batch: 4, blocksMayDrop: false },
  { name: 'mobilenetv2-kuangliu', inputSize: 32, batch: 4, blocksMayDrop: false },
  { name: 'shakeshake26_2x32d', inputSize: 32, batch: 4, blocksMayDrop: false },
  { name: 'stochasticdepth18', inputSize: 32, batch: 4, blocksMayDrop: true },
  { name: 'vit', inputSize: 32, batch: 2, blocksMayDrop: false },
];

for (const c of cases) {
  t.test(`${c.name}: one SGD step on the wasm backend lowers the loss`, (t) => checkTrainingStep(t, { backend: 'wasm', ...c }));
}
