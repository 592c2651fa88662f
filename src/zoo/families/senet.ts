/**
 * Squeeze-and-excitation ResNets (Hu et al. 2018): each residual branch is rescaled per channel
 * by sigmoid(W2 relu(W1 avgpool(branch))) with reduction 16 before the sum.
 * - `seresnet18..152` follow weiaicunzai/pytorch-cifar100: convs with bias, a ReLU at the end of
 *   the residual branch before the squeeze, BN'd projections.
 * - `senet18` is kuangliu/pytorch-cifar's SENet18: pre-activation blocks with SE.
 * The excitation layers are Dense (kuangliu writes them as 1x1 convs on a 1x1 map: the same
 * weights and MACs).
 */
import { KUANGLIU, WEIAICUNZAI, type Architecture } from '../architecture.js';
import { channels, type Net, type SymbolicTensor } from '../net.js';
import { bottleneckDepth, RESNET_STAGES, resnetStages } from './resnet.js';

/** The squeeze-and-excitation gate applied to `x` (reduction `r`). */
export function squeezeExcite(net: Net, x: SymbolicTensor, squeezed: number, gate: 'sigmoid' = 'sigmoid', inner: 'relu' | 'swish' = 'relu'): SymbolicTensor {
  const c = channels(x);
  const s = net.dense(net.act(net.dense(net.globalAvgPool(x), squeezed), inner), c);
  return net.multiply([x, net.reshape(net.act(s, gate), [1, 1, c])]);
}

function seResnet(depth: number) {
  const bottleneck = bottleneckDepth(depth);
  return (net: Net, input: SymbolicTensor, classes: number): SymbolicTensor => {
    const stem = net.convBnRelu(input, 64, 3, { bias: true });
    const features = resnetStages(net, stem, RESNET_STAGES[depth]!, (net, x, planes, stride) => {
      const out = bottleneck ? planes * 4 : planes;
      let y = bottleneck
        ? net.convBnRelu(net.convBnRelu(net.convBnRelu(x, planes, 1, { bias: true }), planes, 3, { stride, bias: true }), out, 1, { bias: true })
        : net.convBnRelu(net.convBnRelu(x, planes, 3, { stride, bias: true }), out, 3, { bias: true });
      y = squeezeExcite(net, y, Math.floor(out / 16));
      const shortcut = stride !== 1 || channels(x) !== out ? net.convBn(x, out, 1, { stride, bias: true }) : x;
      return net.relu(net.add([y, shortcut]));
    });
    return net.head(features, classes);
  };
}

function kuangliuSenet18(net: Net, input: SymbolicTensor, classes: number): SymbolicTensor {
  const stem = net.convBnRelu(input, 64, 3);
  const features = resnetStages(net, stem, [2, 2, 2, 2], (net, x, planes, stride) => {
    const activated = net.relu(net.bn(x));
    const shortcut = stride !== 1 || channels(x) !== planes ? net.conv(activated, planes, 1, { stride }) : x;
    let y = net.conv(activated, planes, 3, { stride });
    y = net.conv(net.relu(net.bn(y)), planes, 3);
    return net.add([squeezeExcite(net, y, Math.floor(planes / 16)), shortcut]);
  });
  return net.head(features, classes);
}

export const SENETS: Architecture[] = [
  ...[18, 34, 50, 101, 152].map((depth) => ({
    name: `seresnet${depth}`,
    family: 'senet',
    paper: 'Hu et al. 2018',
    references: [{ repo: WEIAICUNZAI, file: 'models/senet.py', symbol: `seresnet${depth}()` }] as const,
    build: seResnet(depth),
  })),
  {
    name: 'senet18',
    family: 'senet',
    paper: 'Hu et al. 2018',
    references: [{ repo: KUANGLIU, file: 'models/senet.py', symbol: 'SENet18()' }],
    build: kuangliuSenet18,
  },
];
