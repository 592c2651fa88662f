/**
 * MobileNetV2 (Sandler et al. 2018): inverted residual blocks (1x1 expand by t, 3x3 depthwise,
 * 1x1 linear projection) from 32 to 320 channels, a 1x1 conv to 1280, pooling and a classifier.
 * The two CIFAR repositories adapt it differently:
 * - `mobilenetv2-kuangliu`: bias-free convs, ReLU, a 3x3 stem, the second stage's stride set to
 *   1 for 32x32 inputs, and a 1x1 conv + BN shortcut on stride-1 blocks that change width.
 * - `mobilenetv2-weiaicunzai`: convs with bias, ReLU6, a 1x1 stem with padding 1 (so the first
 *   feature map is 34x34), strides 1-2-2-2-1-1-1, identity shortcuts only, and a 1x1 conv
 *   classifier after global pooling (a Dense layer here: the same weights and MACs).
 */
import { KUANGLIU, WEIAICUNZAI, type Architecture } from '../architecture.js';
import { channels, type Activation, type Net, type SymbolicTensor } from '../net.js';

/** [expansion t, output channels, blocks, first stride] per stage. */
type Stage = readonly [number, number, number, number];

const KUANGLIU_STAGES: readonly Stage[] = [[1, 16, 1, 1], [6, 24, 2, 1], [6, 32, 3, 2], [6, 64, 4, 2], [6, 96, 3, 1], [6, 160, 3, 2], [6, 320, 1, 1]];
const WEIAICUNZAI_STAGES: readonly Stage[] = [[1, 16, 1, 1], [6, 24, 2, 2], [6, 32, 3, 2], [6, 64, 4, 2], [6, 96, 3, 1], [6, 160, 3, 1], [6, 320, 1, 1]];

function invertedResidual(net: Net, x: SymbolicTensor, t: number, out: number, stride: number, style: 'kuangliu' | 'weiaicunzai'): SymbolicTensor {
  const bias = style === 'weiaicunzai';
  const act: Activation = style === 'kuangliu' ? 'relu' : 'relu6';
  const inChannels = channels(x);
  const hidden = inChannels * t;
  let y = net.act(net.convBn(x, hidden, 1, { bias }), act);
  y = net.act(net.convBn(y, hidden, 3, { stride, groups: hidden, bias }), act);
  y = net.convBn(y, out, 1, { bias });
  if (style === 'kuangliu') {
    if (stride !== 1) return y;
    return net.add([y, inChannels === out ? x : net.convBn(x, out, 1)]);
  }
  return stride === 1 && inChannels === out ? net.add([y, x]) : y;
}

function mobilenetv2(style: 'kuangliu' | 'weiaicunzai') {
  const bias = style === 'weiaicunzai';
  const act: Activation = style === 'kuangliu' ? 'relu' : 'relu6';
  return (net: Net, input: SymbolicTensor, classes: number): SymbolicTensor => {
    let x = style === 'kuangliu' ? net.convBnRelu(input, 32, 3) : net.act(net.convBn(input, 32, 1, { padding: 1, bias }), act);
    let index = 0;
    for (const [t, out, blocks, stride] of style === 'kuangliu' ? KUANGLIU_STAGES : WEIAICUNZAI_STAGES) {
      for (let i = 0; i < blocks; i++) x = invertedResidual(net.child(`layers.${index++}`), x, t, out, i === 0 ? stride : 1, style);
    }
    x = net.act(net.convBn(x, 1280, 1, { bias }), act);
    return net.head(x, classes);
  };
}

export const MOBILENETV2S: Architecture[] = [
  {
    name: 'mobilenetv2-kuangliu',
    family: 'mobilenetv2',
    paper: 'Sandler et al. 2018',
    references: [{ repo: KUANGLIU, file: 'models/mobilenetv2.py', symbol: 'MobileNetV2()' }],
    build: mobilenetv2('kuangliu'),
  },
  {
    name: 'mobilenetv2-weiaicunzai',
    family: 'mobilenetv2',
    paper: 'Sandler et al. 2018',
    references: [{ repo: WEIAICUNZAI, file: 'models/mobilenetv2.py', symbol: 'mobilenetv2()' }],
    build: mobilenetv2('weiaicunzai'),
  },
];
