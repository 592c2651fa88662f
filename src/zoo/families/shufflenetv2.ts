/**
 * ShuffleNet v2 1x (Ma et al. 2018): units that split the channels in half, transform one half
 * (1x1, 3x3 depthwise, 1x1) and concatenate it back before a 2-group channel shuffle; strided
 * units transform both paths. Stages of 4, 8, 4 units at 116, 232, 464 channels, a 1x1 conv to
 * 1024, pooling and a classifier. The two CIFAR repositories differ:
 * - `shufflenetv2-kuangliu` (`ShuffleNetV2(net_size=1)`): bias-free convs, a 3x3 conv-BN-ReLU
 *   stem, the strided unit's transformed path narrowed to out / 2 before its depthwise conv.
 * - `shufflenetv2-weiaicunzai`: convs with bias, a 3x3 conv-BN stem without ReLU, the strided
 *   unit's transformed path kept at the input width until its last 1x1 conv.
 * In both, the second half is transformed and goes last.
 */
import { KUANGLIU, WEIAICUNZAI, type Architecture } from '../architecture.js';
import { ChannelShuffle } from '../layers/channel-shuffle.js';
import { ChannelSlice } from '../layers/channel-slice.js';
import { channels, type Net, type SymbolicTensor } from '../net.js';

const WIDTHS = [116, 232, 464] as const;

function half(net: Net, x: SymbolicTensor, which: 0 | 1): SymbolicTensor {
  const size = channels(x) / 2;
  return net.layer('split', (name) => new ChannelSlice({ name, begin: which * size, size }), x);
}

/** 1x1-BN-ReLU, 3x3 depthwise-BN (strided), 1x1-BN-ReLU. */
function branch(net: Net, x: SymbolicTensor, mid: number, out: number, stride: number, bias: boolean): SymbolicTensor {
  const reduced = net.convBnRelu(x, mid, 1, { bias });
  const spatial = net.convBn(reduced, mid, 3, { stride, groups: mid, bias });
  return net.convBnRelu(spatial, out, 1, { bias });
}

/** The strided path that needs no split: 3x3 depthwise-BN, 1x1-BN-ReLU. */
function downPath(net: Net, x: SymbolicTensor, out: number, bias: boolean): SymbolicTensor {
  const c = channels(x);
  return net.convBnRelu(net.convBn(x, c, 3, { stride: 2, groups: c, bias }), out, 1, { bias });
}

function unit(net: Net, x: SymbolicTensor, out: number, stride: number, bias: boolean): SymbolicTensor {
  const shuffle = (t: SymbolicTensor) => net.layer('shuffle', (name) => new ChannelShuffle({ name, groups: 2 }), t);
  const c = channels(x);
  if (stride === 2) {
    const left = downPath(net, x, out / 2, bias);
    const right = branch(net, x, bias ? c : out / 2, out / 2, 2, bias);
    return shuffle(net.concat([left, right]));
  }
  const kept = half(net, x, 0);
  return shuffle(net.concat([kept, branch(net, half(net, x, 1), c / 2, c / 2, 1, bias)]));
}

function shufflenetv2(style: 'kuangliu' | 'weiaicunzai') {
  const bias = style === 'weiaicunzai';
  return (net: Net, input: SymbolicTensor, classes: number): SymbolicTensor => {
    let x = bias ? net.convBn(input, 24, 3, { bias }) : net.convBnRelu(input, 24, 3);
    WIDTHS.forEach((width, stage) => {
      const units = [3, 7, 3][stage]! + 1;
      for (let i = 0; i < units; i++) x = unit(net.child(`stage${stage + 2}.${i}`), x, width, i === 0 ? 2 : 1, bias);
    });
    return net.head(net.convBnRelu(x, 1024, 1, { bias }), classes);
  };
}

export const SHUFFLENETV2S: Architecture[] = [
  {
    name: 'shufflenetv2-kuangliu',
    family: 'shufflenetv2',
    paper: 'Ma et al. 2018',
    references: [{ repo: KUANGLIU, file: 'models/shufflenetv2.py', symbol: 'ShuffleNetV2(net_size=1)' }],
    build: shufflenetv2('kuangliu'),
  },
  {
    name: 'shufflenetv2-weiaicunzai',
    family: 'shufflenetv2',
    paper: 'Ma et al. 2018',
    references: [{ repo: WEIAICUNZAI, file: 'models/shufflenetv2.py', symbol: 'shufflenetv2()' }],
    build: shufflenetv2('weiaicunzai'),
  },
];
