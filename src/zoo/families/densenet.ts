/**
 * DenseNet-BC (Huang et al. 2017) for 32x32 inputs: a 3x3 stem of 2k channels, four dense blocks
 * of bottleneck layers (BN-ReLU-1x1 to 4k, BN-ReLU-3x3 to k, concatenated), transitions that halve
 * channels (1x1 conv) and size (2x2 average pool), a final BN-ReLU, global pooling, linear.
 * `densenet121/161/201` are the same network in kuangliu/pytorch-cifar and
 * weiaicunzai/pytorch-cifar100 (equal counts, both pinned); the code follows kuangliu, whose
 * transition has a ReLU that weiaicunzai's lacks and which concatenates new features first (no
 * effect on weights). `densenet_cifar` is kuangliu's small variant (k = 12).
 */
import { KUANGLIU, WEIAICUNZAI, type Architecture } from '../architecture.js';
import { channels, type Net, type SymbolicTensor } from '../net.js';

function densenet(blocks: readonly number[], growth: number) {
  return (net: Net, input: SymbolicTensor, classes: number): SymbolicTensor => {
    let x = net.conv(input, 2 * growth, 3);
    blocks.forEach((layers, b) => {
      for (let i = 0; i < layers; i++) {
        const layer = net.child(`dense${b + 1}.${i}`);
        const y = layer.conv(layer.relu(layer.bn(x)), 4 * growth, 1);
        x = layer.concat([layer.conv(layer.relu(layer.bn(y)), growth, 3), x]);
      }
      if (b < blocks.length - 1) {
        const transition = net.child(`trans${b + 1}`);
        const reduced = transition.conv(transition.relu(transition.bn(x)), Math.floor(channels(x) * 0.5), 1);
        x = transition.avgPool(reduced, 2);
      }
    });
    return net.head(net.relu(net.bn(x)), classes);
  };
}

const variants: readonly [string, string, readonly number[], number, boolean][] = [
  ['densenet121', 'DenseNet121', [6, 12, 24, 16], 32, true],
  ['densenet161', 'DenseNet161', [6, 12, 36, 24], 48, true],
  ['densenet201', 'DenseNet201', [6, 12, 48, 32], 32, true],
  ['densenet_cifar', 'densenet_cifar', [6, 12, 24, 16], 12, false],
];

export const DENSENETS: Architecture[] = variants.map(([name, symbol, blocks, growth, inBoth]) => ({
  name,
  family: 'densenet',
  paper: 'Huang et al. 2017',
  references: [
    { repo: KUANGLIU, file: 'models/densenet.py', symbol: `${symbol}()` },
    ...(inBoth ? [{ repo: WEIAICUNZAI, file: 'models/densenet.py', symbol: `${name}()` }] : []),
  ],
  build: densenet(blocks, growth),
}));
