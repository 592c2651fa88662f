/**
 * Pads the channel axis with zeros: the parameter-free "option A" shortcut of He et al. 2016's
 * CIFAR ResNets (sec. 4.2), which subsamples the input (a stride-2 1x1 pooling, done by the
 * builder) and appends zero channels so the widths match. No weights.
 */
import * as tf from '@tensorflow/tfjs';
import type { LayerArgs } from '@tensorflow/tfjs-layers/dist/engine/topology.js';

export interface ChannelPadArgs {
  /** Zero channels placed before the input's channels. */
  readonly before: number;
  /** Zero channels placed after them. */
  readonly after: number;
}

export class ChannelPad extends tf.layers.Layer {
  static readonly className = 'EvoNasChannelPad';
  readonly args: ChannelPadArgs;

  constructor(args: ChannelPadArgs & LayerArgs) {
    super(args);
    this.args = { before: args.before, after: args.after };
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const shape = [...(inputShape as tf.Shape)];
    const channels = shape[3];
    shape[3] = channels == null ? null : channels + this.args.before + this.args.after;
    return shape;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor4D;
      return tf.pad(x, [[0, 0], [0, 0], [0, 0], [this.args.before, this.args.after]]);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), ...this.args };
  }
}
tf.serialization.registerClass(ChannelPad);
