/**
 * MobileNet v1 (Howard et al. 2017) for 32x32 inputs: a 3x3 stem of 32 channels and 13
 * depthwise-separable blocks (3x3 depthwise + BN + ReLU, 1x1 pointwise + BN + ReLU) up to 1024
 * channels, four of them with stride 2 (the ImageNet stem's stride is dropped). Both CIFAR
 * repositories write this network, with one difference:
 * - `mobilenet-kuangliu`: every conv without bias.
 * - `mobilenet-weiaicunzai`: the pointwise convs keep PyTorch's default bias.
 */
import { KUANGLIU, WEIAICUNZAI, type Architecture } from '../architecture.js';
import type { Net, SymbolicTensor } from '../net.js';

/** Output channels of the 13 blocks; a [channels, 2] pair strides by 2. */
const BLOCKS: readonly (number | readonly [number, 2])[] = [64, [128, 2], 128, [256, 2], 256, [512, 2], 512, 512, 512, 512, 512, [1024, 2], 1024];

function mobilenet(pointwiseBias: boolean) {
  return (net: Net, input: SymbolicTensor, classes: number): SymbolicTensor => {
    let x = net.convBnRelu(input, 32, 3);
    BLOCKS.forEach((spec, i) => {
      const [out, stride] = typeof spec === 'number' ? [spec, 1] : spec;
      const block = net.child(`layers.${i}`);
      const depthwise = block.convBnRelu(x, x.shape[3] as number, 3, { stride, groups: x.shape[3] as number });
      x = block.convBnRelu(depthwise, out, 1, { bias: pointwiseBias });
    });
    return net.head(x, classes);
  };
}

export const MOBILENETS: Architecture[] = [
  {
    name: 'mobilenet-kuangliu',
    family: 'mobilenet',
    paper: 'Howard et al. 2017',
    references: [{ repo: KUANGLIU, file: 'models/mobilenet.py', symbol: 'MobileNet()' }],
    build: mobilenet(false),
  },
  {
    name: 'mobilenet-weiaicunzai',
    family: 'mobilenet',
    paper: 'Howard et al. 2017',
    references: [{ repo: WEIAICUNZAI, file: 'models/mobilenet.py', symbol: 'mobilenet()' }],
    build: mobilenet(true),
  },
];
