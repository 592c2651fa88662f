/**
 * Inception v3 (Szegedy et al. 2016, "Rethinking the Inception Architecture") as
 * weiaicunzai/pytorch-cifar100 adapts it to 32x32 inputs: the stem keeps the resolution (3x3
 * convs with padding, no pools) up to a valid 3x3 conv (30x30), then Mixed_5b-5d (A), 6a (B, to
 * 14x14), 6b-6e (C, factorised 7x7), 7a (D, to 6x6), 7b-7c (E), global pooling, dropout 0.5 and a
 * linear layer. Every conv is bias-free with BN and ReLU.
 */
import { WEIAICUNZAI, type Architecture } from '../architecture.js';
import type { Net, Padding, SymbolicTensor } from '../net.js';

type Kernel = number | readonly [number, number];

function cbr(net: Net, x: SymbolicTensor, filters: number, kernel: Kernel, stride = 1, padding: Padding = 0): SymbolicTensor {
  return net.convBnRelu(x, filters, kernel, { stride, padding });
}

/** A chain of conv-BN-ReLUs, each [filters, kernel, stride?, padding?]. */
function chain(net: Net, x: SymbolicTensor, specs: readonly (readonly [number, Kernel, number?, Padding?])[]): SymbolicTensor {
  return specs.reduce((t, [filters, kernel, stride, padding]) => cbr(net, t, filters, kernel, stride ?? 1, padding ?? 0), x);
}

function inceptionA(net: Net, x: SymbolicTensor, pool: number): SymbolicTensor {
  return net.concat([
    cbr(net, x, 64, 1),
    chain(net, x, [[48, 1], [64, 5, 1, 2]]),
    chain(net, x, [[64, 1], [96, 3, 1, 1], [96, 3, 1, 1]]),
    cbr(net, net.avgPool(x, 3, 1, 1), pool, 3, 1, 1),
  ]);
}

function inceptionB(net: Net, x: SymbolicTensor): SymbolicTensor {
  return net.concat([cbr(net, x, 384, 3, 2), chain(net, x, [[64, 1], [96, 3, 1, 1], [96, 3, 2]]), net.maxPool(x, 3, 2)]);
}

function inceptionC(net: Net, x: SymbolicTensor, c7: number): SymbolicTensor {
  const tall = [7, 1] as const;
  const wide = [1, 7] as const;
  return net.concat([
    cbr(net, x, 192, 1),
    chain(net, x, [[c7, 1], [c7, tall, 1, [3, 0]], [192, wide, 1, [0, 3]]]),
    chain(net, x, [[c7, 1], [c7, tall, 1, [3, 0]], [c7, wide, 1, [0, 3]], [c7, tall, 1, [3, 0]], [192, wide, 1, [0, 3]]]),
    cbr(net, net.avgPool(x, 3, 1, 1), 192, 1),
  ]);
}

function inceptionD(net: Net, x: SymbolicTensor): SymbolicTensor {
  return net.concat([
    chain(net, x, [[192, 1], [320, 3, 2]]),
    chain(net, x, [[192, 1], [192, [1, 7], 1, [0, 3]], [192, [7, 1], 1, [3, 0]], [192, 3, 2]]),
    net.avgPool(x, 3, 2),
  ]);
}

function inceptionE(net: Net, x: SymbolicTensor): SymbolicTensor {
  const fork = (t: SymbolicTensor) => net.concat([cbr(net, t, 384, [1, 3], 1, [0, 1]), cbr(net, t, 384, [3, 1], 1, [1, 0])]);
  return net.concat([
    cbr(net, x, 320, 1),
    fork(cbr(net, x, 384, 1)),
    fork(chain(net, x, [[448, 1], [384, 3, 1, 1]])),
    cbr(net, net.avgPool(x, 3, 1, 1), 192, 1),
  ]);
}

function inceptionV3(net: Net, input: SymbolicTensor, classes: number): SymbolicTensor {
  let x = chain(net.child('stem'), input, [[32, 3, 1, 1], [32, 3, 1, 1], [64, 3, 1, 1], [80, 1], [192, 3]]);
  x = inceptionA(net.child('Mixed_5b'), x, 32);
  x = inceptionA(net.child('Mixed_5c'), x, 64);
  x = inceptionA(net.child('Mixed_5d'), x, 64);
  x = inceptionB(net.child('Mixed_6a'), x);
  for (const [name, c7] of [['Mixed_6b', 128], ['Mixed_6c', 160], ['Mixed_6d', 160], ['Mixed_6e', 192]] as const) x = inceptionC(net.child(name), x, c7);
  x = inceptionD(net.child('Mixed_7a'), x);
  x = inceptionE(net.child('Mixed_7b'), x);
  x = inceptionE(net.child('Mixed_7c'), x);
  return net.dense(net.dropout(net.globalAvgPool(x), 0.5), classes);
}

export const INCEPTION_V3S: Architecture[] = [
  {
    name: 'inceptionv3',
    family: 'inception-v3',
    paper: 'Szegedy et al. 2016',
    references: [{ repo: WEIAICUNZAI, file: 'models/inceptionv3.py', symbol: 'InceptionV3(num_classes)' }],
    build: inceptionV3,
  },
];
