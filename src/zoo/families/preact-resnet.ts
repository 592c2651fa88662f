/**
 * Pre-activation ResNet 18-152 (He et al. 2016, "Identity Mappings in Deep Residual Networks"):
 * BN-ReLU before each convolution, nothing after the sum. The two CIFAR repositories differ, so
 * both are registered:
 * - `-kuangliu`: convs without bias; the 3x3 stem is a bare conv; the projection (a bias-free
 *   1x1 conv, no BN) reads the pre-activated input; the bottleneck strides in its 3x3 conv.
 * - `-weiaicunzai`: convs with bias; the stem is conv-BN-ReLU; the projection reads the raw
 *   input; the bottleneck strides in its first 1x1 conv.
 */
import { KUANGLIU, WEIAICUNZAI, type Architecture } from '../architecture.js';
import { channels, type Net, type SymbolicTensor } from '../net.js';
import { bottleneckDepth, RESNET_STAGES, resnetStages } from './resnet.js';

type Style = 'kuangliu' | 'weiaicunzai';

/** BN-ReLU then conv, the pre-activation unit. */
function preConv(net: Net, x: SymbolicTensor, filters: number, kernel: number, stride: number, bias: boolean): SymbolicTensor {
  return net.conv(net.relu(net.bn(x)), filters, kernel, { stride, bias });
}

/** One pre-activation block (basic or bottleneck) in the given repository's style. */
export function preactBlock(style: Style, bottleneck: boolean) {
  const bias = style === 'weiaicunzai';
  return (net: Net, x: SymbolicTensor, planes: number, stride: number): SymbolicTensor => {
    const out = bottleneck ? planes * 4 : planes;
    const project = stride !== 1 || channels(x) !== out;
    if (style === 'kuangliu') {
      const activated = net.relu(net.bn(x));
      const shortcut = project ? net.conv(activated, out, 1, { stride }) : x;
      let y: SymbolicTensor;
      if (bottleneck) {
        y = preConv(net, net.conv(activated, planes, 1), planes, 3, stride, false);
        y = preConv(net, y, out, 1, 1, false);
      } else {
        y = preConv(net, net.conv(activated, planes, 3, { stride }), planes, 3, 1, false);
      }
      return net.add([y, shortcut]);
    }
    let y = bottleneck ? preConv(net, x, planes, 1, stride, bias) : preConv(net, x, planes, 3, stride, bias);
    y = bottleneck ? preConv(net, preConv(net, y, planes, 3, 1, bias), out, 1, 1, bias) : preConv(net, y, planes, 3, 1, bias);
    const shortcut = project ? net.conv(x, out, 1, { stride, bias }) : x;
    return net.add([y, shortcut]);
  };
}

function preactResnet(depth: number, style: Style) {
  return (net: Net, input: SymbolicTensor, classes: number): SymbolicTensor => {
    const stem = style === 'kuangliu' ? net.conv(input, 64, 3) : net.convBnRelu(input, 64, 3, { bias: true });
    return net.head(resnetStages(net, stem, RESNET_STAGES[depth]!, preactBlock(style, bottleneckDepth(depth))), classes);
  };
}

export const PREACT_RESNETS: Architecture[] = [18, 34, 50, 101, 152].flatMap((depth) => [
  {
    name: `preactresnet${depth}-kuangliu`,
    family: 'preact-resnet',
    paper: 'He et al. 2016 (identity mappings)',
    references: [{ repo: KUANGLIU, file: 'models/preact_resnet.py', symbol: `PreActResNet${depth}()` }],
    build: preactResnet(depth, 'kuangliu'),
  },
  {
    name: `preactresnet${depth}-weiaicunzai`,
    family: 'preact-resnet',
    paper: 'He et al. 2016 (identity mappings)',
    references: [{ repo: WEIAICUNZAI, file: 'models/preactresnet.py', symbol: `preactresnet${depth}()` }],
    build: preactResnet(depth, 'weiaicunzai'),
  },
]);
