/**
 * Xception (Chollet 2017) as weiaicunzai/pytorch-cifar100 adapts it to 32x32 inputs: separable
 * convs (3x3 depthwise then 1x1 pointwise, both bias-free) + BN in residual modules with 1x1
 * projection shortcuts (with bias, + BN). Entry flow 32 -> 16 -> 8 (the third module pools with
 * stride 1), eight middle-flow modules at 728 channels, exit flow to 4x4 and 2048 channels, global
 * pooling, linear. Difference: that code's in-place ReLUs also rectify the input its shortcuts
 * read in the entry modules 2-3 and the middle flow; here shortcuts read the block input
 * unchanged, as in the paper (no effect on weights or MACs).
 */
import { WEIAICUNZAI, type Architecture } from '../architecture.js';
import { channels, type Net, type SymbolicTensor } from '../net.js';

function separable(net: Net, x: SymbolicTensor, out: number): SymbolicTensor {
  return net.conv(net.conv(x, channels(x), 3, { groups: channels(x) }), out, 1);
}

/** [ReLU] sep-BN ReLU sep-BN maxpool + projection shortcut. */
function entryModule(net: Net, x: SymbolicTensor, out: number, stride: number, leadingRelu: boolean, mid = out): SymbolicTensor {
  let y = leadingRelu ? net.relu(x) : x;
  y = net.relu(net.bn(separable(net, y, mid)));
  y = net.maxPool(net.bn(separable(net, y, out)), 3, stride, 1);
  return net.add([y, net.convBn(x, out, 1, { stride, bias: true })]);
}

function xception(net: Net, input: SymbolicTensor, classes: number): SymbolicTensor {
  let x = net.convBnRelu(net.convBnRelu(input, 32, 3), 64, 3);
  x = entryModule(net.child('entry.conv3'), x, 128, 2, false);
  x = entryModule(net.child('entry.conv4'), x, 256, 2, true);
  x = entryModule(net.child('entry.conv5'), x, 728, 1, true);
  for (let i = 0; i < 8; i++) {
    const block = net.child(`middle.${i}`);
    let y = x;
    for (let j = 0; j < 3; j++) y = block.bn(separable(block, block.relu(y), 728));
    x = block.add([y, x]);
  }
  const exit = net.child('exit');
  x = entryModule(exit, x, 1024, 2, true, 728);
  x = exit.relu(exit.bn(separable(exit, x, 1536)));
  x = exit.relu(exit.bn(separable(exit, x, 2048)));
  return net.head(x, classes);
}

export const XCEPTIONS: Architecture[] = [
  {
    name: 'xception',
    family: 'xception',
    paper: 'Chollet 2017',
    references: [{ repo: WEIAICUNZAI, file: 'models/xception.py', symbol: 'xception()' }],
    build: xception,
  },
];
