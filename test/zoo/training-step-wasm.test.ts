/**
 * One training step on the wasm backend (with evo-nas's gradient kernels) lowers the loss of a
 * fixed batch for the same representative subset as the CPU test, at the CIFAR input size: a
 * plain CIFAR ResNet, depthwise convs (MobileNetV2), the shake-shake layer's custom gradient,
 * stochastic depth, and a transformer; and, on wasm only, Residual Attention's nearest-neighbour
 * up-sampling (evo-nas's ResizeNearestNeighborGrad; about 6 s here).
 */
import t from 'tap';
import { checkTrainingStep } from './training-step.js';

const cases = [
  { name: 'resnet20', inputSize: 32, batch: 4, blocksMayDrop: false },
  { name: 'mobilenetv2-kuangliu', inputSize: 32, batch: 4, blocksMayDrop: false },
  { name: 'shakeshake26_2x32d', inputSize: 32, batch: 4, blocksMayDrop: false },
  { name: 'stochasticdepth18', inputSize: 32, batch: 4, blocksMayDrop: true },
  { name: 'vit', inputSize: 32, batch: 2, blocksMayDrop: false },
  // Its logits start near 3e3 and its loss near 2e3 (the CPU backend agrees; the last
  // pre-activation units feed the head without a batch norm), so the gradients are large and a
  // step of 1e-3 or even 1e-5 overshoots; 1e-6 is a small step at this scale.
  { name: 'attention56', inputSize: 32, batch: 2, learningRate: 1e-6, blocksMayDrop: false },
];

for (const c of cases) {
  t.test(`${c.name}: one SGD step on the wasm backend lowers the loss`, (t) => checkTrainingStep(t, { backend: 'wasm', ...c }));
}
