/**
 * ResNets with stochastic depth (Huang et al. 2016, "Deep Networks with Stochastic Depth"),
 * following weiaicunzai/pytorch-cifar100's stochasticdepth.py: ResNet 18-152 blocks whose
 * residual branch survives with a probability decaying linearly from 1 (first block) to 0.5
 * (last), one draw per mini-batch, the branch scaled by that probability at inference, and — as
 * the authors' Torch code and that file do — no ReLU after the sum. Its basic blocks keep the
 * conv biases PyTorch adds by default. The draws are seeded (layers/stochastic-depth.ts).
 */
import { WEIAICUNZAI, type Architecture } from '../architecture.js';
import { StochasticDepth } from '../layers/stochastic-depth.js';
import { channels, type Net, type SymbolicTensor } from '../net.js';
import { basicResidual, bottleneckDepth, bottleneckResidual, RESNET_STAGES, resnetStages } from './resnet.js';

function stochasticDepthResnet(depth: number) {
  const bottleneck = bottleneckDepth(depth);
  const stages = RESNET_STAGES[depth]!;
  const blocks = stages.reduce((a, b) => a + b, 0);
  return (net: Net, input: SymbolicTensor, classes: number): SymbolicTensor => {
    const stem = net.convBnRelu(input, 64, 3, { bias: true });
    const features = resnetStages(net, stem, stages, (net, x, planes, stride, index) => {
      const out = bottleneck ? planes * 4 : planes;
      const residual = bottleneck ? bottleneckResidual(net, x, planes, stride) : basicResidual(net, x, planes, stride, true);
      const shortcut = stride !== 1 || channels(x) !== out ? net.convBn(x, out, 1, { stride, bias: !bottleneck }) : x;
      const survival = 1 - (index * 0.5) / (blocks - 1);
      return net.layer('drop', (name) => new StochasticDepth({ name, survival, mode: 'batch', seed: net.seed() }), [shortcut, residual]);
    });
    return net.head(features, classes);
  };
}

export const STOCHASTIC_DEPTH_RESNETS: Architecture[] = [18, 34, 50, 101, 152].map((depth) => ({
  name: `stochasticdepth${depth}`,
  family: 'stochastic-depth',
  paper: 'Huang et al. 2016',
  references: [{ repo: WEIAICUNZAI, file: 'models/stochasticdepth.py', symbol: `stochastic_depth_resnet${depth}()` }],
  build: stochasticDepthResnet(depth),
}));
