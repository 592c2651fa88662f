/**
 * The small vocabulary the zoo's architectures are written in: PyTorch-style layer calls
 * (`conv(x, filters, kernel, {stride, padding, groups, bias})`, `bn`, `relu`, pools, `dense`)
 * that create TensorFlow.js layers with deterministic names and seeded initialisers.
 *
 * Conventions, so a family file can follow its PyTorch reference line by line:
 * - Padding is PyTorch's symmetric `padding=p`; the default is (k - 1) / 2. A padding of
 *   (k - 1) / 2 maps to TensorFlow's 'same' and 0 to 'valid': for odd kernels both give exactly
 *   PyTorch's output size at every stride (with stride 2 TensorFlow places the odd pad row at
 *   the bottom, PyTorch on both sides; weights and shapes are unaffected). Other paddings become
 *   an explicit ZeroPadding2D.
 * - Convolutions have no bias unless `bias: true` (PyTorch's default is the reverse, but almost
 *   every reference turns it off); batch norm uses PyTorch's epsilon 1e-5 and momentum 0.1.
 * - Average pools with padding divide by the in-window count (TensorFlow), where PyTorch divides
 *   by the full window: a small numeric difference at borders, none in shapes or weights.
 * - Layer names are `<prefix><kind><n>`, numbered per prefix (`layer1.0.conv2`), so the same
 *   architecture always gets the same names and weights can be matched by name.
 */
import * as tf from '@tensorflow/tfjs';
import '../nn/quiet.js';
import { Rng } from '../random/rng.js';
import { BatchNorm } from './layers/batch-norm.js';
import { GroupedConv2D } from './layers/grouped-conv.js';
import { LayerNorm } from './layers/layer-norm.js';
import { toInitializer, type InitSpec } from './layers/init.js';
import { ResizeNearest } from './layers/resize.js';

export type SymbolicTensor = tf.SymbolicTensor;

/** `random`: seeded He / Glorot initialisation, ready to train. `zeros`: shapes only, for counting. */
export type WeightInit = 'random' | 'zeros';

/** PyTorch-style symmetric padding (per axis), or a TensorFlow mode used as is. */
export type Padding = number | readonly [number, number] | 'same' | 'valid';

export interface ConvOptions {
  readonly stride?: number | readonly [number, number];
  readonly padding?: Padding;
  readonly groups?: number;
  readonly bias?: boolean;
}

export type Activation = 'relu' | 'relu6' | 'sigmoid' | 'swish' | 'gelu' | 'tanh' | 'linear';

interface NetState {
  readonly counters: Map<string, number>;
  readonly rng: Rng | null;
  /** While a shared block is first built: the layers it creates, in order. */
  recording: tf.layers.Layer[] | null;
  /** While a shared block is applied again: its layers, to reuse in the same order. */
  replaying: tf.layers.Layer[] | null;
}

const pair = (v: number | readonly [number, number]): [number, number] => (typeof v === 'number' ? [v, v] : [v[0], v[1]]);

export class Net {
  private constructor(
    private readonly state: NetState,
    /** Prepended to the names of the layers this net creates, e.g. `layer1.0.`. */
    readonly prefix: string,
  ) {}

  /** A fresh builder; with `random` weights every initialiser and stochastic layer is seeded from `seed`. */
  static create(options: { readonly seed: number; readonly weights: WeightInit }): Net {
    const rng = options.weights === 'random' ? Rng.fromSeed(options.seed).fork('zoo-weights') : null;
    return new Net({ counters: new Map(), rng, recording: null, replaying: null }, '');
  }

  /** The same builder with `name.` added to the prefix: a block, a stage, a branch. */
  child(name: string | number): Net {
    return new Net(this.state, `${this.prefix}${name}.`);
  }

  /** A unique, deterministic layer name for the next layer of this kind under this prefix. */
  name(kind: string): string {
    const key = `${this.prefix}${kind}`;
    const n = (this.state.counters.get(key) ?? 0) + 1;
    this.state.counters.set(key, n);
    return `${key}${n}`;
  }

  /** A 32-bit seed for a stochastic layer (0 when only counting). */
  seed(): number {
    return this.state.rng?.seed32() ?? 0;
  }

  /** How a weight starts: the given kind when training, zeros when only counting. */
  init(kind: 'he' | 'glorot'): InitSpec;
  init(kind: 'normal', stddev: number): InitSpec;
  init(kind: 'he' | 'glorot' | 'normal', stddev = 1): InitSpec {
    const rng = this.state.rng;
    if (rng === null) return { kind: 'zeros' };
    return kind === 'normal' ? { kind, stddev, seed: rng.seed32() } : { kind, seed: rng.seed32() };
  }

  /** Applies a layer made by `make(name)`, named after `kind` (or the next one of a shared block being reused). */
  layer(kind: string, make: (name: string) => tf.layers.Layer, inputs: SymbolicTensor | SymbolicTensor[]): SymbolicTensor {
    const { replaying, recording } = this.state;
    const layer = replaying ? replaying.shift() : make(this.name(kind));
    if (!layer) throw new Error(`${this.prefix}: a shared block created fewer layers than it applies`);
    recording?.push(layer);
    return layer.apply(inputs) as SymbolicTensor;
  }

  /**
   * A block whose weights are shared by every call: the first call creates its layers, later
   * calls apply the same layers to new inputs (a PyTorch module called twice). The block must
   * apply its layers in the same order each time.
   */
  shared(block: (net: Net, x: SymbolicTensor) => SymbolicTensor): (x: SymbolicTensor) => SymbolicTensor {
    let layers: tf.layers.Layer[] | null = null;
    return (x) => {
      const state = this.state;
      if (state.recording || state.replaying) throw new Error(`${this.prefix}: shared blocks cannot nest`);
      try {
        if (layers === null) {
          state.recording = [];
          const y = block(this, x);
          layers = state.recording;
          return y;
        }
        state.replaying = [...layers];
        const y = block(this, x);
        // Each apply() raises a layer's reference count, and LayersModel.dispose() lowers it
        // once per layer: undo the extra count, or disposing the model would leak the weights.
        for (const layer of layers) (layer as unknown as { _refCount: number })._refCount -= 1;
        return y;
      } finally {
        state.recording = null;
        state.replaying = null;
      }
    };
  }

  /** A 2-D convolution: plain, depthwise (groups = input channels) or grouped. */
  conv(x: SymbolicTensor, filters: number, kernel: number | readonly [number, number], options: ConvOptions = {}): SymbolicTensor {
    const kernelSize = pair(kernel);
    const strides = pair(options.stride ?? 1);
    const groups = options.groups ?? 1;
    const useBias = options.bias ?? false;
    const { input, padding } = this.padFor(x, kernelSize, options.padding ?? [(kernelSize[0] - 1) / 2, (kernelSize[1] - 1) / 2]);
    const inChannels = channels(x);
    if (groups === 1) {
      return this.layer('conv', (name) => tf.layers.conv2d({
        name, filters, kernelSize, strides, padding, useBias, kernelInitializer: toInitializer(this.init('he')),
      }), input);
    }
    if (groups === inChannels && filters % inChannels === 0) {
      return this.layer('dwconv', (name) => tf.layers.depthwiseConv2d({
        name, kernelSize, strides, padding, useBias, depthMultiplier: filters / inChannels,
        depthwiseInitializer: toInitializer(this.init('he')),
      }), input);
    }
    return this.layer('gconv', (name) => new GroupedConv2D({
      name, filters, kernelSize, strides, padding, groups, useBias, kernelInit: this.init('he'),
    }), input);
  }

  /** Batch normalisation over channels, with PyTorch's defaults (epsilon 1e-5, momentum 0.1). */
  bn(x: SymbolicTensor): SymbolicTensor {
    return this.layer('bn', (name) => new BatchNorm({ name, epsilon: 1e-5, momentum: 0.1 }), x);
  }

  act(x: SymbolicTensor, activation: Activation): SymbolicTensor {
    return this.layer(activation, (name) => tf.layers.activation({ name, activation }), x);
  }

  relu(x: SymbolicTensor): SymbolicTensor {
    return this.act(x, 'relu');
  }

  /** conv + BN, the commonest pair. */
  convBn(x: SymbolicTensor, filters: number, kernel: number | readonly [number, number], options: ConvOptions = {}): SymbolicTensor {
    return this.bn(this.conv(x, filters, kernel, options));
  }

  /** conv + BN + ReLU. */
  convBnRelu(x: SymbolicTensor, filters: number, kernel: number | readonly [number, number], options: ConvOptions = {}): SymbolicTensor {
    return this.relu(this.convBn(x, filters, kernel, options));
  }

  /** A fully connected layer on the last axis (tokens keep their axis). */
  dense(x: SymbolicTensor, units: number, options: { readonly bias?: boolean } = {}): SymbolicTensor {
    return this.layer('fc', (name) => tf.layers.dense({
      name, units, useBias: options.bias ?? true, kernelInitializer: toInitializer(this.init('glorot')),
    }), x);
  }

  /** Layer normalisation over the last axis, with PyTorch's epsilon. */
  layerNorm(x: SymbolicTensor): SymbolicTensor {
    return this.layer('ln', (name) => new LayerNorm({ name, epsilon: 1e-5 }), x);
  }

  maxPool(x: SymbolicTensor, size: number, stride = size, padding: Padding = 0): SymbolicTensor {
    const { input, padding: mode } = this.padFor(x, [size, size], padding);
    return this.layer('maxpool', (name) => tf.layers.maxPooling2d({ name, poolSize: size, strides: stride, padding: mode }), input);
  }

  avgPool(x: SymbolicTensor, size: number, stride = size, padding: Padding = 0): SymbolicTensor {
    const { input, padding: mode } = this.padFor(x, [size, size], padding);
    return this.layer('avgpool', (name) => tf.layers.averagePooling2d({ name, poolSize: size, strides: stride, padding: mode }), input);
  }

  /** [B, H, W, C] -> [B, C]. */
  globalAvgPool(x: SymbolicTensor): SymbolicTensor {
    return this.layer('gap', (name) => tf.layers.globalAveragePooling2d({ name }), x);
  }

  flatten(x: SymbolicTensor): SymbolicTensor {
    return this.layer('flatten', (name) => tf.layers.flatten({ name }), x);
  }

  reshape(x: SymbolicTensor, targetShape: number[]): SymbolicTensor {
    return this.layer('reshape', (name) => tf.layers.reshape({ name, targetShape }), x);
  }

  /** Dropout with a seeded mask stream. */
  dropout(x: SymbolicTensor, rate: number): SymbolicTensor {
    return this.layer('dropout', (name) => tf.layers.dropout({ name, rate, seed: this.seed() }), x);
  }

  /**
   * The other half of a factorised reduction (Zoph et al. 2018; Gastaldi 2017): shift the image
   * one pixel up and left (zero row and column at the bottom and right), as PyTorch's
   * `F.pad(x[:, :, 1:, 1:], (0, 1, 0, 1))`, ready for a strided 1x1 pooling.
   */
  shiftUpLeft(x: SymbolicTensor): SymbolicTensor {
    const padded = this.layer('pad', (name) => tf.layers.zeroPadding2d({ name, padding: [[0, 1], [0, 1]] }), x);
    return this.layer('crop', (name) => tf.layers.cropping2D({ name, cropping: [[1, 0], [1, 0]] }), padded);
  }

  /** Nearest-neighbour resize to [height, width] (PyTorch's `F.interpolate(size=...)` default). */
  resize(x: SymbolicTensor, [height, width]: readonly [number, number]): SymbolicTensor {
    const [h, w] = spatial(x);
    if (h === height && w === width) return x;
    return this.layer('resize', (name) => new ResizeNearest({ name, size: [height, width] }), x);
  }

  /** factor * x + offset (Inception-ResNet's 0.1 residual scaling; residual attention's 1 + mask). */
  scale(x: SymbolicTensor, factor: number, offset = 0): SymbolicTensor {
    return this.layer('scale', (name) => tf.layers.rescaling({ name, scale: factor, offset }), x);
  }

  add(xs: SymbolicTensor[]): SymbolicTensor {
    return this.layer('add', (name) => tf.layers.add({ name }), xs);
  }

  multiply(xs: SymbolicTensor[]): SymbolicTensor {
    return this.layer('mul', (name) => tf.layers.multiply({ name }), xs);
  }

  concat(xs: SymbolicTensor[]): SymbolicTensor {
    return xs.length === 1 ? (xs[0] as SymbolicTensor) : this.layer('cat', (name) => tf.layers.concatenate({ name, axis: -1 }), xs);
  }

  /** Global average pool + dense: the classifier head of most CIFAR networks. */
  head(x: SymbolicTensor, classes: number): SymbolicTensor {
    return this.dense(this.globalAvgPool(x), classes);
  }

  /** Resolves PyTorch-style padding to a TensorFlow mode, adding a ZeroPadding2D if needed. */
  private padFor(x: SymbolicTensor, kernel: readonly [number, number], padding: Padding): { input: SymbolicTensor; padding: 'same' | 'valid' } {
    if (padding === 'same' || padding === 'valid') return { input: x, padding };
    const [ph, pw] = pair(padding);
    if (ph === 0 && pw === 0) return { input: x, padding: 'valid' };
    if (2 * ph === kernel[0] - 1 && 2 * pw === kernel[1] - 1) return { input: x, padding: 'same' };
    const input = this.layer('pad', (name) => tf.layers.zeroPadding2d({ name, padding: [[ph, ph], [pw, pw]] }), x);
    return { input, padding: 'valid' };
  }
}

/** The channel count (last axis) of a symbolic tensor. */
export function channels(x: SymbolicTensor): number {
  return x.shape[x.shape.length - 1] as number;
}

/** The spatial size [H, W] of a symbolic image tensor. */
export function spatial(x: SymbolicTensor): [number, number] {
  return [x.shape[1] as number, x.shape[2] as number];
}
