/**
 * Inception-v4 and Inception-ResNet-v2 (Szegedy et al. 2017) as weiaicunzai/pytorch-cifar100
 * adapts them to 32x32 inputs. Both share a stem that keeps 30x30 (one valid 3x3 conv, then
 * padded convs and stride-1 pools, 384 channels out); reductions take 30 -> 14 -> 7 (v4) or
 * 30 -> 14 -> 6 (ResNet-v2). Every BasicConv2d is bias-free conv + BN + ReLU.
 * - `inceptionv4`: 4 Inception-A, reduction A (k, l, m, n = 192, 224, 256, 384), 7 Inception-B,
 *   reduction B, 3 Inception-C, pooling, dropout 0.2, linear.
 * - `inception_resnet_v2`: 5 / 10 / 5 residual Inception blocks whose 1x1 "reduction" and 1x1
 *   projection shortcut (both with bias) are summed and batch-normed; the B and C branches are
 *   scaled by 0.1 first. Unlike the paper, every block projects its shortcut, as that code does.
 */
import { WEIAICUNZAI, type Architecture } from '../architecture.js';
import type { Net, Padding, SymbolicTensor } from '../net.js';

type Kernel = number | readonly [number, number];
type Spec = readonly [number, Kernel, number?, Padding?];

const TALL = [7, 1] as const;
const WIDE = [1, 7] as const;

function chain(net: Net, x: SymbolicTensor, specs: readonly Spec[]): SymbolicTensor {
  return specs.reduce((t, [filters, kernel, stride, padding]) => net.convBnRelu(t, filters, kernel, { stride: stride ?? 1, padding: padding ?? 0 }), x);
}

function stem(net: Net, input: SymbolicTensor): SymbolicTensor {
  let x = chain(net, input, [[32, 3], [32, 3, 1, 1], [64, 3, 1, 1]]);
  x = net.concat([chain(net, x, [[96, 3, 1, 1]]), net.maxPool(x, 3, 1, 1)]);
  x = net.concat([
    chain(net, x, [[64, 1], [64, TALL, 1, [3, 0]], [64, WIDE, 1, [0, 3]], [96, 3, 1, 1]]),
    chain(net, x, [[64, 1], [96, 3, 1, 1]]),
  ]);
  return net.concat([net.maxPool(x, 3, 1, 1), chain(net, x, [[192, 3, 1, 1]])]);
}

function inceptionA(net: Net, x: SymbolicTensor): SymbolicTensor {
  return net.concat([
    chain(net, x, [[64, 1], [96, 3, 1, 1], [96, 3, 1, 1]]),
    chain(net, x, [[64, 1], [96, 3, 1, 1]]),
    chain(net, x, [[96, 1]]),
    chain(net, net.avgPool(x, 3, 1, 1), [[96, 1]]),
  ]);
}

function reductionA(net: Net, x: SymbolicTensor, [k, l, m, n]: readonly [number, number, number, number]): SymbolicTensor {
  return net.concat([chain(net, x, [[k, 1], [l, 3, 1, 1], [m, 3, 2]]), chain(net, x, [[n, 3, 2]]), net.maxPool(x, 3, 2)]);
}

function inceptionB(net: Net, x: SymbolicTensor): SymbolicTensor {
  return net.concat([
    chain(net, x, [[384, 1]]),
    chain(net, x, [[192, 1], [224, WIDE, 1, [0, 3]], [256, TALL, 1, [3, 0]]]),
    chain(net, x, [[192, 1], [192, WIDE, 1, [0, 3]], [224, TALL, 1, [3, 0]], [224, WIDE, 1, [0, 3]], [256, TALL, 1, [3, 0]]]),
    chain(net, net.avgPool(x, 3, 1, 1), [[128, 1]]),
  ]);
}

function reductionB(net: Net, x: SymbolicTensor): SymbolicTensor {
  return net.concat([
    chain(net, x, [[192, 1], [192, 3, 2, 1]]),
    chain(net, x, [[256, 1], [256, WIDE, 1, [0, 3]], [320, TALL, 1, [3, 0]], [320, 3, 2, 1]]),
    net.maxPool(x, 3, 2, 1),
  ]);
}

/** Two 256-channel heads (1x3 and 3x1) on one input, concatenated. */
function fork(net: Net, x: SymbolicTensor, firstWide: boolean): SymbolicTensor {
  const wide = chain(net, x, [[256, [1, 3], 1, [0, 1]]]);
  const tall = chain(net, x, [[256, [3, 1], 1, [1, 0]]]);
  return net.concat(firstWide ? [wide, tall] : [tall, wide]);
}

function inceptionC(net: Net, x: SymbolicTensor): SymbolicTensor {
  return net.concat([
    chain(net, x, [[256, 1]]),
    fork(net, chain(net, x, [[384, 1]]), false),
    fork(net, chain(net, x, [[384, 1], [448, [1, 3], 1, [0, 1]], [512, [3, 1], 1, [1, 0]]]), true),
    chain(net, net.avgPool(x, 3, 1, 1), [[256, 1]]),
  ]);
}

function inceptionV4(net: Net, input: SymbolicTensor, classes: number): SymbolicTensor {
  let x = stem(net.child('stem'), input);
  for (let i = 0; i < 4; i++) x = inceptionA(net.child(`inception_a.${i}`), x);
  x = reductionA(net.child('reduction_a'), x, [192, 224, 256, 384]);
  for (let i = 0; i < 7; i++) x = inceptionB(net.child(`inception_b.${i}`), x);
  x = reductionB(net.child('reduction_b'), x);
  for (let i = 0; i < 3; i++) x = inceptionC(net.child(`inception_c.${i}`), x);
  return net.dense(net.dropout(net.globalAvgPool(x), 0.2), classes);
}

/** BN(ReLU-free) of projected shortcut + (scaled) 1x1 reduction of the concatenated branches, then ReLU. */
function residualInception(net: Net, x: SymbolicTensor, branches: SymbolicTensor[], out: number, scale: number | null): SymbolicTensor {
  let residual = net.conv(net.concat(branches), out, 1, { bias: true });
  if (scale !== null) residual = net.scale(residual, scale);
  const shortcut = net.conv(x, out, 1, { bias: true });
  return net.relu(net.bn(net.add([shortcut, residual])));
}

function inceptionResnetV2(net: Net, input: SymbolicTensor, classes: number): SymbolicTensor {
  let x = stem(net.child('stem'), input);
  for (let i = 0; i < 5; i++) {
    const block = net.child(`inception_resnet_a.${i}`);
    x = residualInception(block, x, [
      chain(block, x, [[32, 1]]),
      chain(block, x, [[32, 1], [32, 3, 1, 1]]),
      chain(block, x, [[32, 1], [48, 3, 1, 1], [64, 3, 1, 1]]),
    ], 384, null);
  }
  x = reductionA(net.child('reduction_a'), x, [256, 256, 384, 384]);
  for (let i = 0; i < 10; i++) {
    const block = net.child(`inception_resnet_b.${i}`);
    x = residualInception(block, x, [chain(block, x, [[192, 1]]), chain(block, x, [[128, 1], [160, WIDE, 1, [0, 3]], [192, TALL, 1, [3, 0]]])], 1154, 0.1);
  }
  const reduction = net.child('reduction_b');
  x = reduction.concat([
    chain(reduction, x, [[256, 1], [384, 3, 2]]),
    chain(reduction, x, [[256, 1], [288, 3, 2]]),
    chain(reduction, x, [[256, 1], [288, 3, 1, 1], [320, 3, 2]]),
    reduction.maxPool(x, 3, 2),
  ]);
  for (let i = 0; i < 5; i++) {
    const block = net.child(`inception_resnet_c.${i}`);
    x = residualInception(block, x, [chain(block, x, [[192, 1]]), chain(block, x, [[192, 1], [224, [1, 3], 1, [0, 1]], [256, [3, 1], 1, [1, 0]]])], 2048, 0.1);
  }
  return net.dense(net.dropout(net.globalAvgPool(x), 0.2), classes);
}

export const INCEPTION_V4S: Architecture[] = [
  {
    name: 'inceptionv4',
    family: 'inception-v4',
    paper: 'Szegedy et al. 2017',
    references: [{ repo: WEIAICUNZAI, file: 'models/inceptionv4.py', symbol: 'inceptionv4()' }],
    build: inceptionV4,
  },
  {
    name: 'inception_resnet_v2',
    family: 'inception-v4',
    paper: 'Szegedy et al. 2017',
    references: [{ repo: WEIAICUNZAI, file: 'models/inceptionv4.py', symbol: 'inception_resnet_v2()' }],
    build: inceptionResnetV2,
  },
];
