/**
 * SqueezeNet (Iandola et al. 2016) with simple bypass, as weiaicunzai/pytorch-cifar100 writes it
 * for 32x32 inputs: a 3x3 conv-BN-ReLU stem of 96 channels and a max pool, eight Fire modules
 * (1x1 squeeze, then 1x1 and 3x3 expands concatenated; each conv with bias, BN and ReLU) with
 * identity bypasses around fire3, 5, 7 and max pools after fire4 and fire8, then a 1x1 conv to
 * the classes and global average pooling.
 */
import { WEIAICUNZAI, type Architecture } from '../architecture.js';
import type { Net, SymbolicTensor } from '../net.js';

function fire(net: Net, x: SymbolicTensor, out: number, squeeze: number): SymbolicTensor {
  const s = net.convBnRelu(x, squeeze, 1, { bias: true });
  return net.concat([net.convBnRelu(s, out / 2, 1, { bias: true }), net.convBnRelu(s, out / 2, 3, { bias: true })]);
}

function squeezenet(net: Net, input: SymbolicTensor, classes: number): SymbolicTensor {
  const f = (name: string, x: SymbolicTensor, out: number, squeeze: number) => fire(net.child(name), x, out, squeeze);
  const x = net.maxPool(net.convBnRelu(input, 96, 3, { bias: true }), 2);
  const f2 = f('fire2', x, 128, 16);
  const f3 = net.add([f('fire3', f2, 128, 16), f2]);
  const f4 = net.maxPool(f('fire4', f3, 256, 32), 2);
  const f5 = net.add([f('fire5', f4, 256, 32), f4]);
  const f6 = f('fire6', f5, 384, 48);
  const f7 = net.add([f('fire7', f6, 384, 48), f6]);
  const f8 = net.maxPool(f('fire8', f7, 512, 64), 2);
  const f9 = f('fire9', f8, 512, 64);
  return net.globalAvgPool(net.conv(f9, classes, 1, { bias: true }));
}

export const SQUEEZENETS: Architecture[] = [
  {
    name: 'squeezenet',
    family: 'squeezenet',
    paper: 'Iandola et al. 2016',
    references: [{ repo: WEIAICUNZAI, file: 'models/squeezenet.py', symbol: 'squeezenet(class_num)' }],
    build: squeezenet,
  },
];
