/**
 * ShuffleNet v1 (Zhang et al. 2018): bottleneck units of grouped 1x1 conv, channel shuffle, 3x3
 * depthwise conv, grouped 1x1 conv; a strided unit concatenates a 3x3 average-pooled shortcut
 * instead of adding it. Stages of 4, 8, 4 units.
 * - `shufflenet` follows weiaicunzai/pytorch-cifar100 (3 groups, 240-480-960 channels, a 3x3
 *   conv-BN-ReLU stem of 24, convs with bias; as that code passes a list where it meant the
 *   stage number, its first unit's 1x1 conv is grouped too).
 * - `shufflenetg2` / `shufflenetg3` follow kuangliu/pytorch-cifar (a 1x1 stem of 24, bias-free
 *   convs, the first unit's 1x1 conv ungrouped).
 */
import { KUANGLIU, WEIAICUNZAI, type Architecture } from '../architecture.js';
import { ChannelShuffle } from '../layers/channel-shuffle.js';
import { channels, type Net, type SymbolicTensor } from '../net.js';

function shuffle(net: Net, x: SymbolicTensor, groups: number): SymbolicTensor {
  return net.layer('shuffle', (name) => new ChannelShuffle({ name, groups }), x);
}

/** One unit: `out` is the unit's total output width (including a concatenated shortcut). */
function unit(net: Net, x: SymbolicTensor, out: number, stride: number, groups: number, firstGroups: number, bias: boolean): SymbolicTensor {
  const inChannels = channels(x);
  const concat = stride !== 1 || inChannels !== out;
  const branchOut = concat ? out - inChannels : out;
  const mid = Math.floor(out / 4);
  const [reduceOut, depthwiseWidth] = bias ? [mid, mid] : [Math.floor(branchOut / 4), Math.floor(branchOut / 4)];
  let y = net.convBnRelu(x, reduceOut, 1, { groups: firstGroups, bias });
  y = shuffle(net, y, firstGroups);
  y = net.convBn(y, depthwiseWidth, 3, { stride, groups: depthwiseWidth, bias });
  y = net.convBn(y, branchOut, 1, { groups, bias });
  if (!concat) return net.relu(net.add([y, x]));
  return net.relu(net.concat(bias ? [net.avgPool(x, 3, 2, 1), y] : [y, net.avgPool(x, 3, 2, 1)]));
}

function shufflenet(style: 'kuangliu' | 'weiaicunzai', groups: number, widths: readonly number[]) {
  const bias = style === 'weiaicunzai';
  return (net: Net, input: SymbolicTensor, classes: number): SymbolicTensor => {
    let x = style === 'weiaicunzai' ? net.convBnRelu(input, 24, 3, { bias }) : net.convBnRelu(input, 24, 1);
    [4, 8, 4].forEach((blocks, stage) => {
      for (let i = 0; i < blocks; i++) {
        const firstGroups = style === 'kuangliu' && channels(x) === 24 ? 1 : groups;
        x = unit(net.child(`stage${stage + 2}.${i}`), x, widths[stage]!, i === 0 ? 2 : 1, groups, firstGroups, bias);
      }
    });
    return net.head(x, classes);
  };
}

export const SHUFFLENETS: Architecture[] = [
  {
    name: 'shufflenet',
    family: 'shufflenet',
    paper: 'Zhang et al. 2018',
    references: [{ repo: WEIAICUNZAI, file: 'models/shufflenet.py', symbol: 'shufflenet()' }],
    build: shufflenet('weiaicunzai', 3, [240, 480, 960]),
  },
  {
    name: 'shufflenetg2',
    family: 'shufflenet',
    paper: 'Zhang et al. 2018',
    references: [{ repo: KUANGLIU, file: 'models/shufflenet.py', symbol: 'ShuffleNetG2()' }],
    build: shufflenet('kuangliu', 2, [200, 400, 800]),
  },
  {
    name: 'shufflenetg3',
    family: 'shufflenet',
    paper: 'Zhang et al. 2018',
    references: [{ repo: KUANGLIU, file: 'models/shufflenet.py', symbol: 'ShuffleNetG3()' }],
    build: shufflenet('kuangliu', 3, [240, 480, 960]),
  },
];
