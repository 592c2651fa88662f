/**
 * PNASNet (Liu et al. 2018, "Progressive Neural Architecture Search") cells as
 * kuangliu/pytorch-cifar writes them: a 3x3 stem, then 6 cells, a strided cell doubling the
 * width, 6 cells, a strided cell, 6 cells, pooling and linear. Its "separable" conv is a single
 * grouped conv (groups = input channels, so a depthwise conv with multiplier out / in) + BN.
 * - `pnasneta` (44 channels): relu(sep7x7(x) + maxpool3x3(x)).
 * - `pnasnetb` (32 channels): relu(sep7x7 + sep3x3) and relu(maxpool + sep5x5), concatenated and
 *   reduced by a 1x1 conv-BN-ReLU.
 * In strided cells the pooled path gets a 1x1 conv + BN to the new width.
 */
import { KUANGLIU, type Architecture } from '../architecture.js';
import { channels, type Net, type SymbolicTensor } from '../net.js';

function sepConv(net: Net, x: SymbolicTensor, out: number, kernel: number, stride: number): SymbolicTensor {
  return net.convBn(x, out, kernel, { stride, groups: channels(x) });
}

function pooled(net: Net, x: SymbolicTensor, out: number, stride: number): SymbolicTensor {
  const y = net.maxPool(x, 3, stride, 1);
  return stride === 2 ? net.convBn(y, out, 1) : y;
}

function cellA(net: Net, x: SymbolicTensor, out: number, stride: number): SymbolicTensor {
  return net.relu(net.add([sepConv(net, x, out, 7, stride), pooled(net, x, out, stride)]));
}

function cellB(net: Net, x: SymbolicTensor, out: number, stride: number): SymbolicTensor {
  const b1 = net.relu(net.add([sepConv(net, x, out, 7, stride), sepConv(net, x, out, 3, stride)]));
  const b2 = net.relu(net.add([pooled(net, x, out, stride), sepConv(net, x, out, 5, stride)]));
  return net.convBnRelu(net.concat([b1, b2]), out, 1);
}

function pnasnet(cell: typeof cellA, planes: number) {
  return (net: Net, input: SymbolicTensor, classes: number): SymbolicTensor => {
    let x = net.convBnRelu(input, planes, 3);
    let index = 0;
    const run = (width: number, stride: number) => (x = cell(net.child(`cells.${index++}`), x, width, stride));
    for (const width of [planes, 2 * planes, 4 * planes]) {
      if (width !== planes) run(width, 2);
      for (let i = 0; i < 6; i++) run(width, 1);
    }
    return net.head(x, classes);
  };
}

export const PNASNETS: Architecture[] = [
  {
    name: 'pnasneta',
    family: 'pnasnet',
    paper: 'Liu et al. 2018',
    references: [{ repo: KUANGLIU, file: 'models/pnasnet.py', symbol: 'PNASNetA()' }],
    build: pnasnet(cellA, 44),
  },
  {
    name: 'pnasnetb',
    family: 'pnasnet',
    paper: 'Liu et al. 2018',
    references: [{ repo: KUANGLIU, file: 'models/pnasnet.py', symbol: 'PNASNetB()' }],
    build: pnasnet(cellB, 32),
  },
];
