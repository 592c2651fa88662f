/**
 * NASNet-A (Zoph et al. 2018) as weiaicunzai/pytorch-cifar100 writes it (`NasNetA(4, 2, 44, 44)`):
 * a 3x3 conv-BN stem of 44, then 4 normal cells, a reduction cell, 4 normal, a reduction, 4
 * normal (44, 88, 176 filters; normal cells output 6x, reduction cells 4x their filters),
 * ReLU, pooling, linear. Separable branches are ReLU-sep-BN-ReLU-sep-BN with "sep" a depthwise
 * conv then a 1x1 conv with bias. Each cell first fits the previous cell's output to its own
 * size: a factorised reduction (two strided 1x1 convs on shifted grids, concatenated, BN) when
 * the resolution halved, a ReLU-1x1 conv-BN when only the width differs.
 *
 * That code allocates every cell's fitting layers (both kinds) and uses at most one of them, so
 * its parameter count includes weights no forward pass touches; only the used ones exist here,
 * and the pinned count is the reference's count of parameters that receive a gradient (see
 * test/zoo/params.test.ts for both figures).
 */
import { WEIAICUNZAI, type Architecture } from '../architecture.js';
import { channels, spatial, type Net, type SymbolicTensor } from '../net.js';

interface SepOptions {
  readonly stride?: number;
  /** Whether the first depthwise conv has a bias (normal cells pass bias=False, reduction cells do not). */
  readonly firstBias: boolean;
}

function sep(net: Net, x: SymbolicTensor, out: number, kernel: number, stride: number, depthwiseBias: boolean): SymbolicTensor {
  const c = channels(x);
  return net.conv(net.conv(x, c, kernel, { stride, groups: c, bias: depthwiseBias }), out, 1, { bias: true });
}

function branch(net: Net, x: SymbolicTensor, out: number, kernel: number, { stride = 1, firstBias }: SepOptions): SymbolicTensor {
  const y = net.bn(sep(net, net.relu(x), out, kernel, stride, firstBias));
  return net.bn(sep(net, net.relu(y), out, kernel, 1, true));
}

/** The previous cell's output fitted to this cell's resolution and width (that code's `Fit`). */
function fit(net: Net, x: SymbolicTensor, prev: SymbolicTensor | null, filters: number): SymbolicTensor {
  if (prev === null) return x;
  if (spatial(prev)[0] !== spatial(x)[0]) {
    const p = net.relu(prev);
    const p1 = net.conv(net.avgPool(p, 1, 2), filters / 2, 1, { bias: true });
    const p2 = net.conv(net.avgPool(net.shiftUpLeft(p), 1, 2), filters / 2, 1, { bias: true });
    return net.bn(net.concat([p1, p2]));
  }
  if (channels(prev) !== filters) return net.convBn(net.relu(prev), filters, 1, { bias: true });
  return prev;
}

function normalCell(net: Net, x: SymbolicTensor, prev: SymbolicTensor | null, out: number): SymbolicTensor {
  const p = fit(net.child('fit'), x, prev, out);
  const h = net.convBn(net.relu(x), out, 1);
  const b = (name: string, t: SymbolicTensor, kernel: number) => branch(net.child(name), t, out, kernel, { firstBias: false });
  const avg = (t: SymbolicTensor) => net.avgPool(t, 3, 1, 1);
  return net.concat([
    p,
    net.add([b('block1_left', h, 3), h]),
    net.add([b('block2_left', p, 3), b('block2_right', h, 5)]),
    net.add([avg(h), h]),
    net.add([avg(p), avg(p)]),
    net.add([b('block5_left', p, 5), b('block5_right', p, 3)]),
  ]);
}

function reductionCell(net: Net, x: SymbolicTensor, prev: SymbolicTensor | null, out: number): SymbolicTensor {
  const p = fit(net.child('fit'), x, prev, out);
  const h = net.convBn(net.relu(x), out, 1, { bias: true });
  const b = (name: string, t: SymbolicTensor, kernel: number, stride: number) => branch(net.child(name), t, out, kernel, { stride, firstBias: true });
  const l1b1 = net.add([b('l1b1_left', p, 7, 2), b('l1b1_right', h, 5, 2)]);
  const l1b2 = net.add([net.maxPool(h, 3, 2, 1), b('l1b2_right', p, 7, 2)]);
  const l1b3 = net.add([net.avgPool(h, 3, 2, 1), b('l1b3_right', p, 5, 2)]);
  const l2b1 = net.add([net.maxPool(h, 3, 2, 1), b('l2b1_right', l1b1, 3, 1)]);
  const l2b2 = net.add([net.avgPool(l1b1, 3, 1, 1), l1b2]);
  return net.concat([l1b2, l1b3, l2b1, l2b2]);
}

function nasnet(net: Net, input: SymbolicTensor, classes: number): SymbolicTensor {
  let x = net.convBn(input, 44, 3);
  let prev: SymbolicTensor | null = null;
  let index = 0;
  const step = (cell: typeof normalCell, filters: number) => {
    const next = cell(net.child(`cells.${index++}`), x, prev, filters);
    prev = x;
    x = next;
  };
  for (const filters of [44, 88, 176]) {
    if (filters !== 44) step(reductionCell, filters);
    for (let i = 0; i < 4; i++) step(normalCell, filters);
  }
  return net.head(net.relu(x), classes);
}

export const NASNETS: Architecture[] = [
  {
    name: 'nasnet',
    family: 'nasnet',
    paper: 'Zoph et al. 2018',
    references: [{ repo: WEIAICUNZAI, file: 'models/nasnet.py', symbol: 'nasnet()' }],
    build: nasnet,
  },
];
