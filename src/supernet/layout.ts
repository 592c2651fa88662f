/**
 * The supernet's variables as data: every tensor's name and full (largest) shape, derived from a
 * ResNet space. Following Once-for-All (Cai et al. 2020), each tensor is allocated once at the
 * widest choice of the positions it connects and a subnet uses its leading channels.
 *
 * Names: `stem.conv`, `stem.bn.gamma|beta|mean|variance`, `block3.conv1`, `block3.bn1.*`,
 * `block3.conv2`, `block3.bn2.*`, `block3.shortcut.conv`, `block3.shortcut.bn.*`, `head.weight`,
 * `head.bias`. Convs are HWIO (TensorFlow.js's layout), the head weight is [in, classes].
 */
import type { ResNetSpace, Shortcut } from '../space/index.js';

export type TensorRole = 'conv' | 'bn-gamma' | 'bn-beta' | 'bn-mean' | 'bn-variance' | 'dense-weight' | 'dense-bias';

export interface TensorSpec {
  readonly name: string;
  readonly shape: readonly number[];
  readonly role: TensorRole;
  /** Running statistics are state, not parameters: the optimiser never touches them. */
  readonly trainable: boolean;
  /** Inputs feeding each output unit, for the dense layer's initialisation bound. */
  readonly fanIn?: number;
}

export interface SupernetConfig {
  readonly classes: number;
  readonly inputChannels: number;
  readonly shortcut: Shortcut;
}

/** The tensors of a supernet over `space`, in a fixed order. */
export function supernetLayout(space: ResNetSpace, config: SupernetConfig): TensorSpec[] {
  const max = (position: number) => space.positions[position]?.maxChannels ?? 0;
  const specs: TensorSpec[] = [
    conv('stem.conv', 3, config.inputChannels, max(0)),
    ...batchNorm('stem.bn', max(0)),
  ];
  for (const block of space.blocks) {
    const [from, middle, to] = [max(block.input), max(block.middle), max(block.output)];
    const prefix = `block${block.index}`;
    specs.push(conv(`${prefix}.conv1`, 3, from, middle), ...batchNorm(`${prefix}.bn1`, middle));
    specs.push(conv(`${prefix}.conv2`, 3, middle, to), ...batchNorm(`${prefix}.bn2`, to));
    if (mayProject(space, config.shortcut, block)) {
      specs.push(conv(`${prefix}.shortcut.conv`, 1, from, to), ...batchNorm(`${prefix}.shortcut.bn`, to));
    }
  }
  const features = max(space.positions.length - 1);
  specs.push(
    { name: 'head.weight', shape: [features, config.classes], role: 'dense-weight', trainable: true, fanIn: features },
    { name: 'head.bias', shape: [config.classes], role: 'dense-bias', trainable: true, fanIn: features },
  );
  return specs;
}

/**
 * Whether some genome of the space gives this block a projection shortcut: always under
 * `always`; under `needed`, when the block strides or its input and output widths can differ.
 */
function mayProject(space: ResNetSpace, shortcut: Shortcut, block: ResNetSpace['blocks'][number]): boolean {
  if (shortcut === 'always' || block.stride !== 1) return true;
  const [from, to] = [space.positions[block.input]?.choices ?? [], space.positions[block.output]?.choices ?? []];
  return !(from.length === 1 && to.length === 1 && from[0] === to[0]);
}

function conv(name: string, kernel: number, from: number, to: number): TensorSpec {
  return { name, shape: [kernel, kernel, from, to], role: 'conv', trainable: true };
}

function batchNorm(name: string, channels: number): TensorSpec[] {
  return [
    { name: `${name}.gamma`, shape: [channels], role: 'bn-gamma', trainable: true },
    { name: `${name}.beta`, shape: [channels], role: 'bn-beta', trainable: true },
    { name: `${name}.mean`, shape: [channels], role: 'bn-mean', trainable: false },
    { name: `${name}.variance`, shape: [channels], role: 'bn-variance', trainable: false },
  ];
}
