/**
 * The channel shuffle of ShuffleNet (Zhang et al. 2018, sec. 3.1): channels viewed as
 * [groups, channels / groups] are transposed to [channels / groups, groups], so the next grouped
 * convolution sees channels from every group. No weights.
 */
import * as tf from '@tensorflow/tfjs';
import type { LayerArgs } from '@tensorflow/tfjs-layers/dist/engine/topology.js';

export class ChannelShuffle extends tf.layers.Layer {
  static readonly className = 'EvoNasChannelShuffle';
  readonly groups: number;

  constructor(args: { readonly groups: number } & LayerArgs) {
    super(args);
    this.groups = args.groups;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    return inputShape as tf.Shape;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor4D;
      const [batch, height, width, channels] = x.shape;
      const grouped = tf.reshape(x, [batch, height, width, this.groups, channels / this.groups]);
      return tf.reshape(tf.transpose(grouped, [0, 1, 2, 4, 3]), [batch, height, width, channels]);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), groups: this.groups };
  }
}
tf.serialization.registerClass(ChannelShuffle);
