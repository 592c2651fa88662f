/**
 * ResNeXt (Xie et al. 2017, "Aggregated Residual Transformations"): bottlenecks whose 3x3 conv is
 * split into `cardinality` groups.
 * - `resnext50/101/152` follow weiaicunzai/pytorch-cifar100 (the CIFAR-100 table): 32 groups of
 *   4 channels at 64 output planes (the 32x4d template), four stages like ResNet-50+, and — as
 *   that code has it — the first 1x1 conv grouped too. Its head is fixed at 100 classes there;
 *   here it follows `classes` (the 100-class count is the pinned one).
 * - `resnext29_2x64d` and `resnext29_32x4d` follow kuangliu/pytorch-cifar (its CIFAR-10 table):
 *   three stages of 3 blocks, a 1x1 stem, bottleneck width doubling each stage, expansion 2.
 */
import { KUANGLIU, WEIAICUNZAI, type Architecture } from '../architecture.js';
import { channels, type Net, type SymbolicTensor } from '../net.js';
import { projection, resnetStages } from './resnet.js';

/** weiaicunzai's stage lengths; note its resnext152 is [3, 4, 36, 3], not ResNet-152's [3, 8, 36, 3]. */
const STAGES: Record<number, readonly number[]> = { 50: [3, 4, 6, 3], 101: [3, 4, 23, 3], 152: [3, 4, 36, 3] };

function weiaicunzaiResnext(depth: number) {
  const cardinality = 32;
  return (net: Net, input: SymbolicTensor, classes: number): SymbolicTensor => {
    const stem = net.convBnRelu(input, 64, 3);
    const features = resnetStages(net, stem, STAGES[depth]!, (net, x, planes, stride) => {
      const width = cardinality * ((4 * planes) / 64);
      let y = net.convBnRelu(x, width, 1, { groups: cardinality });
      y = net.convBnRelu(y, width, 3, { stride, groups: cardinality });
      y = net.convBn(y, planes * 4, 1);
      return net.relu(net.add([y, projection(net, x, planes * 4, stride)]));
    });
    return net.head(features, classes);
  };
}

function kuangliuResnext29(cardinality: number, bottleneckWidth: number) {
  return (net: Net, input: SymbolicTensor, classes: number): SymbolicTensor => {
    let x = net.convBnRelu(input, 64, 1);
    for (let stage = 0; stage < 3; stage++) {
      const width = cardinality * bottleneckWidth * 2 ** stage;
      for (let i = 0; i < 3; i++) {
        const block = net.child(`layer${stage + 1}.${i}`);
        const stride = i === 0 && stage > 0 ? 2 : 1;
        let y = block.convBnRelu(x, width, 1);
        y = block.convBnRelu(y, width, 3, { stride, groups: cardinality });
        y = block.convBn(y, 2 * width, 1);
        const shortcut = stride !== 1 || channels(x) !== 2 * width ? block.convBn(x, 2 * width, 1, { stride }) : x;
        x = block.relu(block.add([y, shortcut]));
      }
    }
    return net.head(x, classes);
  };
}

export const RESNEXTS: Architecture[] = [
  ...[50, 101, 152].map((depth) => ({
    name: `resnext${depth}`,
    family: 'resnext',
    paper: 'Xie et al. 2017',
    references: [{ repo: WEIAICUNZAI, file: 'models/resnext.py', symbol: `resnext${depth}()` }] as const,
    build: weiaicunzaiResnext(depth),
  })),
  ...([[2, 64], [32, 4]] as const).map(([cardinality, width]) => ({
    name: `resnext29_${cardinality}x${width}d`,
    family: 'resnext',
    paper: 'Xie et al. 2017',
    references: [{ repo: KUANGLIU, file: 'models/resnext.py', symbol: `ResNeXt29_${cardinality}x${width}d()` }] as const,
    build: kuangliuResnext29(cardinality, width),
  })),
];
