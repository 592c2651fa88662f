/**
 * Deep Layer Aggregation (Yu et al. 2018) as kuangliu/pytorch-cifar writes it for 32x32 inputs:
 * three 3x3 conv-BN-ReLU layers (16, 16, 32 channels), then four aggregation trees (64, 128,
 * 256, 512 channels; levels 1, 2, 2, 1; the last three stride 2) of ResNet basic blocks, each
 * tree ending in a root (1x1 conv-BN-ReLU over the concatenated nodes), then pooling and linear.
 * - `dla` (`DLA()`): hierarchical trees; a level-2 tree also feeds its root with a strided
 *   block of its input ("prev_root") and each nested tree's output.
 * - `simpledla` (`SimpleDLA()`): binary trees whose root joins the two subtrees.
 */
import { KUANGLIU, type Architecture } from '../architecture.js';
import type { Net, SymbolicTensor } from '../net.js';
import { basicResidual, projection } from './resnet.js';

function block(net: Net, x: SymbolicTensor, out: number, stride: number): SymbolicTensor {
  return net.relu(net.add([basicResidual(net, x, out, stride), projection(net, x, out, stride)]));
}

function root(net: Net, xs: SymbolicTensor[], out: number): SymbolicTensor {
  return net.convBnRelu(net.concat(xs), out, 1);
}

function tree(net: Net, x: SymbolicTensor, out: number, level: number, stride: number): SymbolicTensor {
  const xs: SymbolicTensor[] = [];
  if (level > 1) xs.push(block(net.child('prev_root'), x, out, stride));
  for (let i = level - 1; i >= 1; i--) {
    x = tree(net.child(`level_${i}`), x, out, i, stride);
    xs.push(x);
  }
  const left = block(net.child('left'), x, out, level > 1 ? 1 : stride);
  xs.push(left, block(net.child('right'), left, out, 1));
  return root(net.child('root'), xs, out);
}

function simpleTree(net: Net, x: SymbolicTensor, out: number, level: number, stride: number): SymbolicTensor {
  const node = (child: Net, t: SymbolicTensor, s: number) => (level === 1 ? block(child, t, out, s) : simpleTree(child, t, out, level - 1, s));
  const left = node(net.child('left'), x, stride);
  const right = node(net.child('right'), left, 1);
  return root(net.child('root'), [left, right], out);
}

function dla(kind: 'dla' | 'simpledla') {
  const grow = kind === 'dla' ? tree : simpleTree;
  return (net: Net, input: SymbolicTensor, classes: number): SymbolicTensor => {
    let x = net.convBnRelu(net.convBnRelu(net.convBnRelu(input, 16, 3), 16, 3), 32, 3);
    x = grow(net.child('layer3'), x, 64, 1, 1);
    x = grow(net.child('layer4'), x, 128, 2, 2);
    x = grow(net.child('layer5'), x, 256, 2, 2);
    x = grow(net.child('layer6'), x, 512, 1, 2);
    return net.head(x, classes);
  };
}

export const DLAS: Architecture[] = [
  {
    name: 'dla',
    family: 'dla',
    paper: 'Yu et al. 2018',
    references: [{ repo: KUANGLIU, file: 'models/dla.py', symbol: 'DLA()' }],
    build: dla('dla'),
  },
  {
    name: 'simpledla',
    family: 'dla',
    paper: 'Yu et al. 2018',
    references: [{ repo: KUANGLIU, file: 'models/dla_simple.py', symbol: 'SimpleDLA()' }],
    build: dla('simpledla'),
  },
];
