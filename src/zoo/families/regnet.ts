/**
 * RegNet (Radosavovic et al. 2020) X-200MF, X-400MF and Y-400MF as kuangliu/pytorch-cifar writes
 * them for 32x32 inputs: a 3x3 stem of 64, four stages of residual bottlenecks (1x1, 3x3 grouped
 * with the config's group width, 1x1; bottleneck ratio 1) with strides 1-1-2-2, and in the Y
 * variant a squeeze-and-excitation on the bottleneck whose width is a quarter of the block's
 * input width; pooling and linear.
 */
import { KUANGLIU, type Architecture } from '../architecture.js';
import { channels, type Net, type SymbolicTensor } from '../net.js';
import { squeezeExcite } from './senet.js';

interface RegNetConfig {
  readonly depths: readonly number[];
  readonly widths: readonly number[];
  readonly groupWidth: number;
  readonly seRatio: number;
}

function regnet(config: RegNetConfig) {
  return (net: Net, input: SymbolicTensor, classes: number): SymbolicTensor => {
    let x = net.convBnRelu(input, 64, 3);
    config.depths.forEach((depth, stage) => {
      const width = config.widths[stage]!;
      for (let i = 0; i < depth; i++) {
        const block = net.child(`layer${stage + 1}.${i}`);
        const stride = i === 0 && stage >= 2 ? 2 : 1;
        const inWidth = channels(x);
        let y = block.convBnRelu(x, width, 1);
        y = block.convBnRelu(y, width, 3, { stride, groups: width / config.groupWidth });
        if (config.seRatio > 0) y = squeezeExcite(block, y, Math.round(inWidth * config.seRatio));
        y = block.convBn(y, width, 1);
        const shortcut = stride !== 1 || inWidth !== width ? block.convBn(x, width, 1, { stride }) : x;
        x = block.relu(block.add([y, shortcut]));
      }
    });
    return net.head(x, classes);
  };
}

const X200: RegNetConfig = { depths: [1, 1, 4, 7], widths: [24, 56, 152, 368], groupWidth: 8, seRatio: 0 };
const X400: RegNetConfig = { depths: [1, 2, 7, 12], widths: [32, 64, 160, 384], groupWidth: 16, seRatio: 0 };

export const REGNETS: Architecture[] = [
  ['regnetx_200mf', 'RegNetX_200MF', X200],
  ['regnetx_400mf', 'RegNetX_400MF', X400],
  ['regnety_400mf', 'RegNetY_400MF', { ...X400, seRatio: 0.25 }],
].map(([name, symbol, config]) => ({
  name: name as string,
  family: 'regnet',
  paper: 'Radosavovic et al. 2020',
  references: [{ repo: KUANGLIU, file: 'models/regnet.py', symbol: `${symbol as string}()` }],
  build: regnet(config as RegNetConfig),
}));
