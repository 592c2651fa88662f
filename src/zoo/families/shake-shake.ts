/**
 * Shake-Shake ResNet-26 2x32d and 2x64d (Gastaldi 2017, "Shake-Shake regularization") as
 * hysts/pytorch_shake_shake writes them after the author's Torch code: a 3x3 conv-BN stem of 16,
 * three stages of 4 blocks at d, 2d, 4d channels (strides 1-2-2), each block two residual
 * branches (ReLU-3x3-BN-ReLU-3x3-BN) combined by shake-shake (layers/shake-shake.ts: random
 * per-sample forward and independent backward weights while training, 0.5 at inference) plus a
 * shortcut that, where the width changes, is a factorised reduction: ReLU, two strided 1x1 convs
 * on the image and on the image shifted by one pixel, concatenated, BN. Then ReLU, pooling, linear.
 */
import type { Architecture } from '../architecture.js';
import { ShakeShake } from '../layers/shake-shake.js';
import { channels, type Net, type SymbolicTensor } from '../net.js';

function residualBranch(net: Net, x: SymbolicTensor, out: number, stride: number): SymbolicTensor {
  return net.convBn(net.relu(net.convBn(net.relu(x), out, 3, { stride })), out, 3);
}

function skip(net: Net, x: SymbolicTensor, out: number, stride: number): SymbolicTensor {
  if (channels(x) === out) return x;
  const r = net.relu(x);
  const y1 = net.conv(net.avgPool(r, 1, stride), out / 2, 1);
  const y2 = net.conv(net.avgPool(net.shiftUpLeft(r), 1, stride), out / 2, 1);
  return net.bn(net.concat([y1, y2]));
}

function shakeBlock(net: Net, x: SymbolicTensor, out: number, stride: number): SymbolicTensor {
  const a = residualBranch(net.child('branch1'), x, out, stride);
  const b = residualBranch(net.child('branch2'), x, out, stride);
  const mixed = net.layer('shake', (name) => new ShakeShake({ name, seed: net.seed() }), [a, b]);
  return net.add([skip(net.child('skip'), x, out, stride), mixed]);
}

function shakeShake26(width: number) {
  return (net: Net, input: SymbolicTensor, classes: number): SymbolicTensor => {
    let x = net.convBn(input, 16, 3);
    [width, 2 * width, 4 * width].forEach((out, stage) => {
      for (let i = 0; i < 4; i++) x = shakeBlock(net.child(`stage${stage + 1}.${i}`), x, out, i === 0 && stage > 0 ? 2 : 1);
    });
    return net.head(net.relu(x), classes);
  };
}

export const SHAKE_SHAKES: Architecture[] = [32, 64].map((width) => ({
  name: `shakeshake26_2x${width}d`,
  family: 'shake-shake',
  paper: 'Gastaldi 2017',
  references: [{ repo: 'hysts/pytorch_shake_shake', file: 'shake_shake.py', symbol: `Network(depth=26, base_channels=${width})` }],
  build: shakeShake26(width),
}));
