/**
 * Multi-head scaled dot-product attention over already projected queries, keys and values
 * (Vaswani et al. 2017, sec. 3.2): inputs [q, k, v], each [B, N, D], split into `heads` heads of
 * D / heads features; output [B, N, D] with the heads concatenated. The q/k/v/output
 * projections are ordinary Dense layers around it, so their weights are counted and saved as
 * usual. No weights here.
 */
import * as tf from '@tensorflow/tfjs';
import type { LayerArgs } from '@tensorflow/tfjs-layers/dist/engine/topology.js';

export interface AttentionArgs {
  readonly heads: number;
  /** The factor applied to q·k before the softmax (1 / sqrt(head features) in Vaswani et al.). */
  readonly scale: number;
}

export class MultiHeadAttention extends tf.layers.Layer {
  static readonly className = 'EvoNasMultiHeadAttention';
  readonly args: AttentionArgs;

  constructor(args: AttentionArgs & LayerArgs) {
    super(args);
    this.args = { heads: args.heads, scale: args.scale };
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    return (inputShape as tf.Shape[])[0] as tf.Shape;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const [q, k, v] = inputs as tf.Tensor3D[] as [tf.Tensor3D, tf.Tensor3D, tf.Tensor3D];
      const [batch, tokens, features] = q.shape;
      const heads = this.args.heads;
      const split = (t: tf.Tensor3D) => tf.transpose(tf.reshape(t, [batch, tokens, heads, features / heads]), [0, 2, 1, 3]);
      const scores = tf.mul(tf.matMul(split(q) as tf.Tensor4D, split(k) as tf.Tensor4D, false, true), this.args.scale);
      const mixed = tf.matMul(tf.softmax(scores), split(v) as tf.Tensor4D);
      return tf.reshape(tf.transpose(mixed, [0, 2, 1, 3]), [batch, tokens, features]);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), ...this.args };
  }
}
tf.serialization.registerClass(MultiHeadAttention);
