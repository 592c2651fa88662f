/**
 * The CIFAR ResNets of He et al. 2016 ("Deep Residual Learning for Image Recognition", sec.
 * 4.2): a 3x3 stem of 16 channels, three stages of n basic blocks at 16, 32, 64 channels
 * (depth 6n + 2), global pooling and a linear layer. Where width or stride changes the shortcut
 * is the parameter-free option A: subsample by 2 and pad the new channels with zeros, which is
 * what gives ResNet20 its textbook 0.27M parameters. Follows akamaster/pytorch_resnet_cifar10.
 */
import type { Architecture } from '../architecture.js';
import { ChannelPad } from '../layers/channel-pad.js';
import { channels, type Net, type SymbolicTensor } from '../net.js';

function basicBlock(net: Net, x: SymbolicTensor, planes: number, stride: number): SymbolicTensor {
  const y = net.convBn(net.relu(net.convBn(x, planes, 3, { stride })), planes, 3);
  let shortcut = x;
  if (stride !== 1 || channels(x) !== planes) {
    // Option A: x[:, :, ::2, ::2] padded with planes / 4 zero channels on each side.
    const subsampled = net.avgPool(x, 1, stride);
    shortcut = net.layer('pad', (name) => new ChannelPad({ name, before: planes / 4, after: planes / 4 }), subsampled);
  }
  return net.relu(net.add([y, shortcut]));
}

function cifarResNet(blocksPerStage: number) {
  return (net: Net, input: SymbolicTensor, classes: number): SymbolicTensor => {
    let x = net.convBnRelu(input, 16, 3);
    [16, 32, 64].forEach((planes, stage) => {
      for (let i = 0; i < blocksPerStage; i++) {
        x = basicBlock(net.child(`layer${stage + 1}.${i}`), x, planes, i === 0 && stage > 0 ? 2 : 1);
      }
    });
    return net.head(x, classes);
  };
}

export const CIFAR_RESNETS: Architecture[] = [20, 32, 44, 56, 110].map((depth) => ({
  name: `resnet${depth}`,
  family: 'cifar-resnet',
  paper: 'He et al. 2016',
  references: [{ repo: 'akamaster/pytorch_resnet_cifar10', file: 'resnet.py', symbol: `resnet${depth}()` }],
  build: cifarResNet((depth - 2) / 6),
}));
