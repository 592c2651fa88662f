/**
 * Residual Attention Networks 56 and 92 (Wang et al. 2017) as weiaicunzai/pytorch-cifar100 writes
 * them for 32x32 inputs. Pre-activation bottleneck units (BN-ReLU-1x1 with the stride, 3x3, 1x1,
 * convs with bias) carry a 1x1 conv shortcut whenever the stride is 1 or the width changes (that
 * code's condition, so nearly always). Attention modules multiply a trunk of two units by
 * (1 + mask), the mask coming from a max-pooled soft branch of units, nearest-neighbour
 * upsampling with skip connections, and BN-ReLU-1x1-BN-ReLU-1x1-sigmoid. Stages at 256, 512, 1024
 * channels hold 1/1/1 (attention56) or 1/2/3 (attention92) modules of types 1, 2, 3 (three, two,
 * one pooling levels), then three units at 2048, pooling and linear.
 *
 * The soft branches follow that code as written, which differs from the paper: each pooling
 * level restarts from the module input, so every level is one pool below the input; and module
 * type 1 applies its third down unit twice (shared weights, counted once in the parameters and
 * twice in the MACs, as PyTorch's hooks count it).
 */
import { WEIAICUNZAI, type Architecture } from '../architecture.js';
import { spatial, type Net, type SymbolicTensor } from '../net.js';

function unit(net: Net, x: SymbolicTensor, out: number, stride: number): SymbolicTensor {
  const mid = Math.floor(out / 4);
  let y = net.conv(net.relu(net.bn(x)), mid, 1, { stride, bias: true });
  y = net.conv(net.relu(net.bn(y)), mid, 3, { bias: true });
  y = net.conv(net.relu(net.bn(y)), out, 1, { bias: true });
  const identity = stride === 2 && (x.shape[3] as number) === out;
  return net.add([y, identity ? x : net.conv(x, out, 1, { stride, bias: true })]);
}

/** A named residual unit at the module's width. */
function u(net: Net, name: string, x: SymbolicTensor): SymbolicTensor {
  return unit(net.child(name), x, x.shape[3] as number, 1);
}

function mask(net: Net, x: SymbolicTensor): SymbolicTensor {
  const c = x.shape[3] as number;
  let y = net.conv(net.relu(net.bn(x)), c, 1, { bias: true });
  y = net.conv(net.relu(net.bn(y)), c, 1, { bias: true });
  return net.act(y, 'sigmoid');
}

function attentionModule(net: Net, input: SymbolicTensor, levels: 1 | 2 | 3): SymbolicTensor {
  const x = u(net, 'pre', input);
  const size = spatial(x);
  const trunk = u(net, 'trunk.1', u(net, 'trunk.0', x));
  const pool = () => net.maxPool(x, 3, 2, 1);
  let soft: SymbolicTensor;
  if (levels === 3) {
    const down1 = u(net, 'down1', pool());
    const long = u(net, 'shortcut_long', down1);
    const down2 = u(net, 'down2', pool());
    const down3 = net.child('down3').shared((n, t) => unit(n, t, t.shape[3] as number, 1));
    const short = down3(down2);
    soft = u(net, 'up2', u(net, 'up1', u(net, 'down4', down3(pool()))));
    soft = u(net, 'up3', net.add([net.resize(soft, spatial(down2)), short]));
    soft = u(net, 'up4', net.add([net.resize(soft, spatial(down1)), long]));
  } else if (levels === 2) {
    const down1 = u(net, 'down1', pool());
    const shortcut = u(net, 'shortcut', down1);
    soft = u(net, 'up2', u(net, 'up1', u(net, 'down3', u(net, 'down2', pool()))));
    soft = u(net, 'up3', net.add([net.resize(soft, spatial(down1)), shortcut]));
  } else {
    soft = u(net, 'up2', u(net, 'up1', u(net, 'down2', u(net, 'down1', pool()))));
  }
  const gate = net.scale(mask(net.child('mask'), net.resize(soft, size)), 1, 1);
  return u(net, 'last', net.multiply([gate, trunk]));
}

function residualAttention(modules: readonly [number, number, number]) {
  return (net: Net, input: SymbolicTensor, classes: number): SymbolicTensor => {
    let x = net.convBnRelu(input, 64, 3, { bias: true });
    ([[256, 3], [512, 2], [1024, 1]] as const).forEach(([width, levels], stage) => {
      x = unit(net.child(`stage${stage + 1}.down`), x, width, 2);
      for (let i = 0; i < modules[stage]!; i++) x = attentionModule(net.child(`stage${stage + 1}.${i}`), x, levels);
    });
    x = unit(net.child('stage4.0'), x, 2048, 2);
    x = unit(net.child('stage4.1'), x, 2048, 1);
    x = unit(net.child('stage4.2'), x, 2048, 1);
    return net.head(x, classes);
  };
}

export const RESIDUAL_ATTENTION_NETS: Architecture[] = [
  ['attention56', [1, 1, 1]],
  ['attention92', [1, 2, 3]],
].map(([name, modules]) => ({
  name: name as string,
  family: 'residual-attention',
  paper: 'Wang et al. 2017',
  references: [{ repo: WEIAICUNZAI, file: 'models/attention.py', symbol: `${name as string}()` }],
  build: residualAttention(modules as [number, number, number]),
}));
