/**
 * Takes a contiguous run of channels: ShuffleNet v2's channel split (Ma et al. 2018) and the
 * residual / dense halves of a Dual Path Network block (Chen et al. 2017). No weights.
 */
import * as tf from '@tensorflow/tfjs';
import type { LayerArgs } from '@tensorflow/tfjs-layers/dist/engine/topology.js';

export interface ChannelSliceArgs {
  readonly begin: number;
  readonly size: number;
}

export class ChannelSlice extends tf.layers.Layer {
  static readonly className = 'EvoNasChannelSlice';
  readonly args: ChannelSliceArgs;

  constructor(args: ChannelSliceArgs & LayerArgs) {
    super(args);
    this.args = { begin: args.begin, size: args.size };
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const shape = [...(inputShape as tf.Shape)];
    shape[shape.length - 1] = this.args.size;
    return shape;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = Array.isArray(inputs) ? (inputs[0] as tf.Tensor) : inputs;
      const axis = x.rank - 1;
      const begin = x.shape.map((_, i) => (i === axis ? this.args.begin : 0));
      const size = x.shape.map((d, i) => (i === axis ? this.args.size : d));
      return tf.slice(x, begin, size);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), ...this.args };
  }
}
tf.serialization.registerClass(ChannelSlice);
