/**
 * A small Vision Transformer for 32x32 images (Dosovitskiy et al. 2021), configured as
 * omihub777/ViT-CIFAR trains it to 90.9% on CIFAR-10 from scratch: 4x4 patches (an 8x8 grid,
 * 64 tokens) embedded linearly to 384 features, a class token and learned position embedding,
 * 7 pre-norm encoder layers (12-head self-attention; an MLP of 384 hidden units with GELU after
 * both of its linear layers, as that code has it), a final LayerNorm on the class token and a
 * linear classifier; 6.3M parameters. As in that code, attention scores are scaled by
 * 1 / sqrt(384), not 1 / sqrt(head width). Other input sizes work if they divide into 4x4
 * patches (the position embedding grows with the token count).
 */
import type { Architecture } from '../architecture.js';
import { MultiHeadAttention } from '../layers/attention.js';
import { ClassTokenPosition } from '../layers/class-token.js';
import { Patches } from '../layers/patches.js';
import { TakeToken } from '../layers/take-token.js';
import type { Net, SymbolicTensor } from '../net.js';

const CONFIG = { patch: 4, hidden: 384, mlpHidden: 384, heads: 12, layers: 7 } as const;

function encoderLayer(net: Net, x: SymbolicTensor): SymbolicTensor {
  const { hidden, mlpHidden, heads } = CONFIG;
  const normed = net.layerNorm(x);
  const [q, k, v] = [net.dense(normed, hidden), net.dense(normed, hidden), net.dense(normed, hidden)];
  const attended = net.layer('attention', (name) => new MultiHeadAttention({ name, heads, scale: 1 / Math.sqrt(hidden) }), [q, k, v]);
  x = net.add([net.dense(attended, hidden), x]);
  const mlp = net.act(net.dense(net.act(net.dense(net.layerNorm(x), mlpHidden), 'gelu'), hidden), 'gelu');
  return net.add([mlp, x]);
}

function vit(net: Net, input: SymbolicTensor, classes: number): SymbolicTensor {
  const patches = net.layer('patches', (name) => new Patches({ name, size: CONFIG.patch }), input);
  const embedded = net.dense(patches, CONFIG.hidden);
  let x = net.layer('tokens', (name) => new ClassTokenPosition({ name, init: net.init('normal', 1) }), embedded);
  for (let i = 0; i < CONFIG.layers; i++) x = encoderLayer(net.child(`encoder.${i}`), x);
  const cls = net.layer('cls', (name) => new TakeToken({ name, index: 0 }), x);
  return net.dense(net.layerNorm(cls), classes);
}

export const VITS: Architecture[] = [
  {
    name: 'vit',
    family: 'vit',
    paper: 'Dosovitskiy et al. 2021',
    references: [{ repo: 'omihub777/ViT-CIFAR', file: 'vit.py', symbol: 'ViT(patch=8, hidden=384, mlp_hidden=384, head=12, num_layers=7)' }],
    build: vit,
  },
];
