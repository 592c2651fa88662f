/**
 * A 2-D convolution whose input and output channels are split into `groups` independent groups
 * (Krizhevsky et al. 2012; the cardinality of ResNeXt, Xie et al. 2017). TensorFlow.js's Conv2D
 * has no `groups` option, so this layer keeps one kernel of shape
 * [kh, kw, inChannels / groups, filters] (Keras's layout for grouped convolution) and runs one
 * convolution per group on the matching slices of input and kernel. Depthwise convolutions
 * (groups = input channels) use the built-in DepthwiseConv2D instead; see `Net.conv`.
 */
import * as tf from '@tensorflow/tfjs';
import type { LayerArgs } from '@tensorflow/tfjs-layers/dist/engine/topology.js';
import { toInitializer, type InitSpec } from './init.js';

export interface GroupedConv2DArgs {
  readonly filters: number;
  readonly kernelSize: readonly [number, number];
  readonly strides: readonly [number, number];
  readonly padding: 'same' | 'valid';
  readonly groups: number;
  readonly useBias: boolean;
  readonly kernelInit: InitSpec;
}

/** Output length of a convolution or pooling along one axis, as TensorFlow computes it. */
export function convOutputLength(size: number, kernel: number, stride: number, padding: 'same' | 'valid'): number {
  return padding === 'same' ? Math.ceil(size / stride) : Math.floor((size - kernel) / stride) + 1;
}

export class GroupedConv2D extends tf.layers.Layer {
  static readonly className = 'EvoNasGroupedConv2D';
  readonly args: GroupedConv2DArgs;
  private kernel: tf.LayerVariable | undefined;
  private bias: tf.LayerVariable | undefined;

  constructor(args: GroupedConv2DArgs & LayerArgs) {
    super(args);
    const { filters, kernelSize, strides, padding, groups, useBias, kernelInit } = args;
    this.args = { filters, kernelSize: [kernelSize[0], kernelSize[1]], strides: [strides[0], strides[1]], padding, groups, useBias, kernelInit };
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = inputShape as tf.Shape;
    const channels = shape[3] as number;
    const { groups, filters, kernelSize } = this.args;
    if (channels % groups !== 0 || filters % groups !== 0) {
      throw new RangeError(`${this.name}: ${channels} input and ${filters} output channels do not split into ${groups} groups`);
    }
    const kernelShape = [kernelSize[0], kernelSize[1], channels / groups, filters];
    this.kernel = this.addWeight('kernel', kernelShape, 'float32', toInitializer(this.args.kernelInit));
    if (this.args.useBias) this.bias = this.addWeight('bias', [filters], 'float32', tf.initializers.zeros());
    this.built = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const [batch, height, width] = inputShape as tf.Shape;
    const { kernelSize, strides, padding, filters } = this.args;
    const side = (size: number | null, axis: 0 | 1) =>
      size === null ? null : convOutputLength(size, kernelSize[axis], strides[axis], padding);
    return [batch ?? null, side(height ?? null, 0), side(width ?? null, 1), filters];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor4D;
      const { groups, strides, padding } = this.args;
      const kernel = (this.kernel as tf.LayerVariable).read() as tf.Tensor4D;
      const xs = tf.split(x, groups, 3) as tf.Tensor4D[];
      const ks = tf.split(kernel, groups, 3) as tf.Tensor4D[];
      const ys = xs.map((xi, i) => tf.conv2d(xi, ks[i] as tf.Tensor4D, [strides[0], strides[1]], padding));
      const y = groups === 1 ? (ys[0] as tf.Tensor4D) : tf.concat(ys, 3);
      return this.bias ? tf.add(y, this.bias.read() as tf.Tensor1D) : y;
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), ...structuredClone(this.args) } as unknown as tf.serialization.ConfigDict;
  }
}
tf.serialization.registerClass(GroupedConv2D);
