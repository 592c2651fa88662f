/**
 * Dual Path Networks (Chen et al. 2017) as kuangliu/pytorch-cifar writes DPN26 and DPN92: a 3x3
 * stem of 64, four stages of bottlenecks (1x1, 3x3 grouped 32 ways, 1x1 to out + dense depth)
 * whose output splits into a residual part added to the shortcut's first `out` channels and a
 * dense part concatenated after it, so the width grows by the dense depth each block; stages at
 * 256-2048 residual channels, strides 1-2-2-2; pooling and linear.
 */
import { KUANGLIU, type Architecture } from '../architecture.js';
import { ChannelSlice } from '../layers/channel-slice.js';
import { channels, type Net, type SymbolicTensor } from '../net.js';

interface DpnConfig {
  readonly inPlanes: readonly number[];
  readonly outPlanes: readonly number[];
  readonly blocks: readonly number[];
  readonly denseDepth: readonly number[];
}

function slice(net: Net, x: SymbolicTensor, begin: number, size: number): SymbolicTensor {
  return net.layer('slice', (name) => new ChannelSlice({ name, begin, size }), x);
}

function dualPathBlock(net: Net, x: SymbolicTensor, mid: number, out: number, dense: number, stride: number, first: boolean): SymbolicTensor {
  let y = net.convBnRelu(x, mid, 1);
  y = net.convBnRelu(y, mid, 3, { stride, groups: 32 });
  y = net.convBn(y, out + dense, 1);
  const shortcut = first ? net.convBn(x, out + dense, 1, { stride }) : x;
  const width = channels(shortcut);
  return net.relu(net.concat([
    net.add([slice(net, shortcut, 0, out), slice(net, y, 0, out)]),
    slice(net, shortcut, out, width - out),
    slice(net, y, out, dense),
  ]));
}

function dpn(config: DpnConfig) {
  return (net: Net, input: SymbolicTensor, classes: number): SymbolicTensor => {
    let x = net.convBnRelu(input, 64, 3);
    config.blocks.forEach((blocks, stage) => {
      for (let i = 0; i < blocks; i++) {
        const stride = i === 0 && stage > 0 ? 2 : 1;
        x = dualPathBlock(net.child(`layer${stage + 1}.${i}`), x, config.inPlanes[stage]!, config.outPlanes[stage]!, config.denseDepth[stage]!, stride, i === 0);
      }
    });
    return net.head(x, classes);
  };
}

const common = { inPlanes: [96, 192, 384, 768], outPlanes: [256, 512, 1024, 2048], denseDepth: [16, 32, 24, 128] };

export const DPNS: Architecture[] = [
  {
    name: 'dpn26',
    family: 'dpn',
    paper: 'Chen et al. 2017',
    references: [{ repo: KUANGLIU, file: 'models/dpn.py', symbol: 'DPN26()' }],
    build: dpn({ ...common, blocks: [2, 2, 2, 2] }),
  },
  {
    name: 'dpn92',
    family: 'dpn',
    paper: 'Chen et al. 2017',
    references: [{ repo: KUANGLIU, file: 'models/dpn.py', symbol: 'DPN92()' }],
    build: dpn({ ...common, blocks: [3, 4, 20, 3] }),
  },
];
