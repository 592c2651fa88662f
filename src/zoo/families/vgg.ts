/**
 * VGG 11/13/16/19 with batch norm (Simonyan & Zisserman 2015) for 32x32 inputs: 3x3 convs (with
 * bias) + BN + ReLU in five stages separated by 2x2 max pools. The two CIFAR repositories differ
 * in the classifier, and name them differently:
 * - `vgg11..vgg19` follow kuangliu/pytorch-cifar: one Linear(512, classes).
 * - `vgg11_bn..vgg19_bn` follow weiaicunzai/pytorch-cifar100: Linear(512, 4096)-ReLU-Dropout,
 *   Linear(4096, 4096)-ReLU-Dropout, Linear(4096, classes) on the flattened features.
 */
import { KUANGLIU, WEIAICUNZAI, type Architecture } from '../architecture.js';
import type { Net, SymbolicTensor } from '../net.js';

const M = 'M' as const;
const CONFIGS: Record<number, readonly (number | typeof M)[]> = {
  11: [64, M, 128, M, 256, 256, M, 512, 512, M, 512, 512, M],
  13: [64, 64, M, 128, 128, M, 256, 256, M, 512, 512, M, 512, 512, M],
  16: [64, 64, M, 128, 128, M, 256, 256, 256, M, 512, 512, 512, M, 512, 512, 512, M],
  19: [64, 64, M, 128, 128, M, 256, 256, 256, 256, M, 512, 512, 512, 512, M, 512, 512, 512, 512, M],
};

function features(net: Net, input: SymbolicTensor, depth: number): SymbolicTensor {
  let x = input;
  for (const item of CONFIGS[depth]!) x = item === M ? net.maxPool(x, 2) : net.convBnRelu(x, item, 3, { bias: true });
  return x;
}

function vgg(depth: number, classifier: 'linear' | 'mlp') {
  return (net: Net, input: SymbolicTensor, classes: number): SymbolicTensor => {
    let x = net.flatten(features(net.child('features'), input, depth));
    if (classifier === 'mlp') {
      const head = net.child('classifier');
      x = head.dropout(head.relu(head.dense(x, 4096)), 0.5);
      x = head.dropout(head.relu(head.dense(x, 4096)), 0.5);
    }
    return net.dense(x, classes);
  };
}

export const VGGS: Architecture[] = [11, 13, 16, 19].flatMap((depth) => [
  {
    name: `vgg${depth}`,
    family: 'vgg',
    paper: 'Simonyan & Zisserman 2015',
    references: [{ repo: KUANGLIU, file: 'models/vgg.py', symbol: `VGG('VGG${depth}')` }] as const,
    build: vgg(depth, 'linear'),
  },
  {
    name: `vgg${depth}_bn`,
    family: 'vgg',
    paper: 'Simonyan & Zisserman 2015',
    references: [{ repo: WEIAICUNZAI, file: 'models/vgg.py', symbol: `vgg${depth}_bn()` }] as const,
    build: vgg(depth, 'mlp'),
  },
]);
