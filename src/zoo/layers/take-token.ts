/**
 * Picks one token of a sequence: [B, N, D] -> [B, D] (the class token of a Vision Transformer,
 * `out[:, 0]`). No weights.
 */
import * as tf from '@tensorflow/tfjs';
import type { LayerArgs } from '@tensorflow/tfjs-layers/dist/engine/topology.js';

export class TakeToken extends tf.layers.Layer {
  static readonly className = 'EvoNasTakeToken';
  readonly index: number;

  constructor(args: { readonly index: number } & LayerArgs) {
    super(args);
    this.index = args.index;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const [batch, , features] = inputShape as tf.Shape;
    return [batch ?? null, features ?? null];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor3D;
      const [batch, , features] = x.shape;
      return tf.reshape(tf.slice(x, [0, this.index, 0], [batch, 1, features]), [batch, features]);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), index: this.index };
  }
}
tf.serialization.registerClass(TakeToken);
