/**
 * ResNet 18/34/50/101/152 for 32x32 inputs (He et al. 2016) as the CIFAR repositories write
 * them: a 3x3 stride-1 stem of 64 channels (no max pool), four stages at 64-512 channels (basic
 * blocks for 18/34, bottlenecks with expansion 4 for 50+), 1x1 conv + BN projections where the
 * shape changes. kuangliu/pytorch-cifar's ResNet and weiaicunzai/pytorch-cifar100's resnet are
 * the same network; both are pinned. The basic and bottleneck blocks are shared with the
 * stochastic-depth and SE variants.
 */
import { KUANGLIU, WEIAICUNZAI, type Architecture } from '../architecture.js';
import { channels, type Net, type SymbolicTensor } from '../net.js';

export const RESNET_STAGES: Record<number, readonly number[]> = {
  18: [2, 2, 2, 2],
  34: [3, 4, 6, 3],
  50: [3, 4, 6, 3],
  101: [3, 4, 23, 3],
  152: [3, 8, 36, 3],
};

/** Basic blocks below 50 layers, bottlenecks from 50 on. */
export const bottleneckDepth = (depth: number): boolean => depth >= 50;

/** The projection shortcut: identity unless the shape changes, else 1x1 conv + BN. */
export function projection(net: Net, x: SymbolicTensor, out: number, stride: number, bias = false): SymbolicTensor {
  if (stride === 1 && channels(x) === out) return x;
  return net.convBn(x, out, 1, { stride, bias });
}

/** The residual branch of a basic block: conv3x3-BN-ReLU-conv3x3-BN. */
export function basicResidual(net: Net, x: SymbolicTensor, planes: number, stride: number, bias = false): SymbolicTensor {
  return net.convBn(net.relu(net.convBn(x, planes, 3, { stride, bias })), planes, 3, { bias });
}

/** The residual branch of a bottleneck: 1x1 reduce, 3x3 (strided), 1x1 expand by 4, each with BN. */
export function bottleneckResidual(net: Net, x: SymbolicTensor, planes: number, stride: number): SymbolicTensor {
  const reduced = net.convBnRelu(x, planes, 1);
  return net.convBn(net.convBnRelu(reduced, planes, 3, { stride }), planes * 4, 1);
}

/** Runs `block(net, x, planes, stride)` over the four stages (64-512 channels). */
export function resnetStages(
  net: Net,
  x: SymbolicTensor,
  stages: readonly number[],
  block: (net: Net, x: SymbolicTensor, planes: number, stride: number, index: number) => SymbolicTensor,
): SymbolicTensor {
  let index = 0;
  stages.forEach((blocks, stage) => {
    for (let i = 0; i < blocks; i++) {
      x = block(net.child(`layer${stage + 1}.${i}`), x, 64 * 2 ** stage, i === 0 && stage > 0 ? 2 : 1, index++);
    }
  });
  return x;
}

function resnet(depth: number) {
  const bottleneck = bottleneckDepth(depth);
  return (net: Net, input: SymbolicTensor, classes: number): SymbolicTensor => {
    const stem = net.convBnRelu(input, 64, 3);
    const features = resnetStages(net, stem, RESNET_STAGES[depth]!, (net, x, planes, stride) => {
      const residual = (bottleneck ? bottleneckResidual : basicResidual)(net, x, planes, stride);
      return net.relu(net.add([residual, projection(net, x, bottleneck ? planes * 4 : planes, stride)]));
    });
    return net.head(features, classes);
  };
}

export const RESNETS: Architecture[] = [18, 34, 50, 101, 152].map((depth) => ({
  name: `resnet${depth}`,
  family: 'resnet',
  paper: 'He et al. 2016',
  references: [
    { repo: KUANGLIU, file: 'models/resnet.py', symbol: `ResNet${depth}()` },
    { repo: WEIAICUNZAI, file: 'models/resnet.py', symbol: `resnet${depth}()` },
  ],
  build: resnet(depth),
}));
