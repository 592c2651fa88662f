/**
 * GoogLeNet (Szegedy et al. 2015) with batch norm, for 32x32 inputs: nine Inception modules
 * (1x1 | 1x1-3x3 | 1x1-3x3-3x3 in place of 5x5 | 3x3 max pool-1x1, concatenated; convs with
 * bias), max pools between stages 3, 4 and 5. The two CIFAR repositories differ in the stem:
 * - `googlenet-kuangliu`: one 3x3 conv to 192 channels, no pool before the first module.
 * - `googlenet-weiaicunzai`: three bias-free 3x3 convs (64, 64, 192) then a max pool, and
 *   dropout (p = 0.4) before the classifier.
 */
import { KUANGLIU, WEIAICUNZAI, type Architecture } from '../architecture.js';
import type { Net, SymbolicTensor } from '../net.js';

type InceptionSpec = readonly [n1x1: number, n3x3red: number, n3x3: number, n5x5red: number, n5x5: number, pool: number];

const MODULES: Record<string, InceptionSpec> = {
  a3: [64, 96, 128, 16, 32, 32],
  b3: [128, 128, 192, 32, 96, 64],
  a4: [192, 96, 208, 16, 48, 64],
  b4: [160, 112, 224, 24, 64, 64],
  c4: [128, 128, 256, 24, 64, 64],
  d4: [112, 144, 288, 32, 64, 64],
  e4: [256, 160, 320, 32, 128, 128],
  a5: [256, 160, 320, 32, 128, 128],
  b5: [384, 192, 384, 48, 128, 128],
};

function inception(net: Net, x: SymbolicTensor, [n1, r3, n3, r5, n5, pool]: InceptionSpec): SymbolicTensor {
  const cbr = (t: SymbolicTensor, filters: number, kernel: number) => net.convBnRelu(t, filters, kernel, { bias: true });
  return net.concat([
    cbr(x, n1, 1),
    cbr(cbr(x, r3, 1), n3, 3),
    cbr(cbr(cbr(x, r5, 1), n5, 3), n5, 3),
    cbr(net.maxPool(x, 3, 1, 1), pool, 1),
  ]);
}

function googlenet(style: 'kuangliu' | 'weiaicunzai') {
  return (net: Net, input: SymbolicTensor, classes: number): SymbolicTensor => {
    let x: SymbolicTensor;
    if (style === 'kuangliu') {
      x = net.convBnRelu(input, 192, 3, { bias: true });
    } else {
      x = net.convBnRelu(net.convBnRelu(net.convBnRelu(input, 64, 3), 64, 3), 192, 3);
      x = net.maxPool(x, 3, 2, 1);
    }
    for (const name of Object.keys(MODULES)) {
      if (name === 'a4' || name === 'a5') x = net.maxPool(x, 3, 2, 1);
      x = inception(net.child(name), x, MODULES[name]!);
    }
    x = net.globalAvgPool(x);
    if (style === 'weiaicunzai') x = net.dropout(x, 0.4);
    return net.dense(x, classes);
  };
}

export const GOOGLENETS: Architecture[] = [
  {
    name: 'googlenet-kuangliu',
    family: 'googlenet',
    paper: 'Szegedy et al. 2015',
    references: [{ repo: KUANGLIU, file: 'models/googlenet.py', symbol: 'GoogLeNet()' }],
    build: googlenet('kuangliu'),
  },
  {
    name: 'googlenet-weiaicunzai',
    family: 'googlenet',
    paper: 'Szegedy et al. 2015',
    references: [{ repo: WEIAICUNZAI, file: 'models/googlenet.py', symbol: 'googlenet()' }],
    build: googlenet('weiaicunzai'),
  },
];
