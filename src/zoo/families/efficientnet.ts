/**
 * EfficientNet-B0 (Tan & Le 2019) as kuangliu/pytorch-cifar writes it for 32x32 inputs: a 3x3
 * stride-1 stem of 32, sixteen MBConv blocks (1x1 expand by 1 or 6, k x k depthwise, squeeze-
 * and-excitation with a quarter of the block's input width, 1x1 projection; swish throughout)
 * with strides 1-2-2-2-1-2-1 per stage, pooling, dropout 0.2, linear.
 *
 * Two differences from that file, both on purpose:
 * - Its blocks with expansion 1 still allocate the unused expansion conv + BN; here they do not
 *   exist, so the count is 1,088 below the reference's (the first block's 32x32 1x1 conv and its
 *   BN) — see test/zoo/params.test.ts.
 * - Its drop-connect rate never grows (the block counter is never incremented), so it never
 *   drops; here it rises linearly from 0 to 0.2 over the blocks as the paper intends (seeded,
 *   per sample; layers/stochastic-depth.ts).
 */
import { KUANGLIU, type Architecture } from '../architecture.js';
import { StochasticDepth } from '../layers/stochastic-depth.js';
import { channels, type Net, type SymbolicTensor } from '../net.js';
import { squeezeExcite } from './senet.js';

/** [expansion, output channels, blocks, kernel, first stride] per stage. */
const STAGES: readonly (readonly [number, number, number, number, number])[] = [
  [1, 16, 1, 3, 1], [6, 24, 2, 3, 2], [6, 40, 2, 5, 2], [6, 80, 3, 3, 2], [6, 112, 3, 5, 1], [6, 192, 4, 5, 2], [6, 320, 1, 3, 1],
];
const DROP_CONNECT = 0.2;

function mbconv(net: Net, x: SymbolicTensor, expansion: number, out: number, kernel: number, stride: number, dropRate: number): SymbolicTensor {
  const inChannels = channels(x);
  const hidden = expansion * inChannels;
  let y = expansion === 1 ? x : net.act(net.convBn(x, hidden, 1), 'swish');
  y = net.act(net.convBn(y, hidden, kernel, { stride, groups: hidden }), 'swish');
  y = squeezeExcite(net, y, Math.floor(inChannels * 0.25), 'sigmoid', 'swish');
  y = net.convBn(y, out, 1);
  if (stride !== 1 || inChannels !== out) return y;
  if (dropRate === 0) return net.add([x, y]);
  return net.layer('drop', (name) => new StochasticDepth({ name, survival: 1 - dropRate, mode: 'sample', seed: net.seed() }), [x, y]);
}

function efficientnetB0(net: Net, input: SymbolicTensor, classes: number): SymbolicTensor {
  let x = net.act(net.convBn(input, 32, 3), 'swish');
  const total = STAGES.reduce((n, stage) => n + stage[2], 0);
  let index = 0;
  for (const [expansion, out, blocks, kernel, stride] of STAGES) {
    for (let i = 0; i < blocks; i++) {
      x = mbconv(net.child(`layers.${index}`), x, expansion, out, kernel, i === 0 ? stride : 1, (DROP_CONNECT * index) / total);
      index++;
    }
  }
  return net.dense(net.dropout(net.globalAvgPool(x), 0.2), classes);
}

export const EFFICIENTNETS: Architecture[] = [
  {
    name: 'efficientnetb0',
    family: 'efficientnet',
    paper: 'Tan & Le 2019',
    references: [{ repo: KUANGLIU, file: 'models/efficientnet.py', symbol: 'EfficientNetB0()' }],
    build: efficientnetB0,
  },
];
