/**
 * Wide ResNets (Zagoruyko & Komodakis 2016) WRN-d-k as weiaicunzai/pytorch-cifar100 writes them:
 * a 3x3 stem of 16 channels, three stages of (d - 4) / 6 pre-activation blocks at 16k, 32k, 64k
 * channels with dropout between the convs (p = 0.5, PyTorch's default that file uses), convs
 * with bias, 1x1 projections where the shape changes, a final BN-ReLU. `wideresnet40_10` is that
 * file's `wideresnet()`; `wideresnet28_10` is the same code at depth 28.
 */
import { WEIAICUNZAI, type Architecture } from '../architecture.js';
import { channels, type Net, type SymbolicTensor } from '../net.js';

function wideResnet(depth: number, k: number) {
  const blocks = (depth - 4) / 6;
  return (net: Net, input: SymbolicTensor, classes: number): SymbolicTensor => {
    let x = net.conv(input, 16, 3, { bias: true });
    [16 * k, 32 * k, 64 * k].forEach((width, stage) => {
      for (let i = 0; i < blocks; i++) {
        const block = net.child(`conv${stage + 2}.${i}`);
        const stride = i === 0 && stage > 0 ? 2 : 1;
        let y = block.conv(block.relu(block.bn(x)), width, 3, { stride, bias: true });
        y = block.conv(block.dropout(block.relu(block.bn(y)), 0.5), width, 3, { bias: true });
        const shortcut = stride !== 1 || channels(x) !== width ? block.conv(x, width, 1, { stride, bias: true }) : x;
        x = block.add([y, shortcut]);
      }
    });
    return net.head(net.relu(net.bn(x)), classes);
  };
}

export const WIDE_RESNETS: Architecture[] = [[40, 10], [28, 10]].map(([depth, k]) => ({
  name: `wideresnet${depth}_${k}`,
  family: 'wide-resnet',
  paper: 'Zagoruyko & Komodakis 2016',
  references: [{ repo: WEIAICUNZAI, file: 'models/wideresidual.py', symbol: `wideresnet(depth=${depth}, widen_factor=${k})` }],
  build: wideResnet(depth!, k!),
}));
