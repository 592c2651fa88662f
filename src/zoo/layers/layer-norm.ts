/**
 * Layer normalisation over the last axis (Ba et al. 2016), as PyTorch's nn.LayerNorm: each
 * token's features normalised by their own mean and biased variance, then scaled and shifted.
 * Written with broadcasting ops because TensorFlow.js's own layer broadcasts with `tile`, whose
 * gradient slices out every repetition: 18,000 Slice kernels per ViT training step, most of its
 * time on wasm. Weights are named and ordered as TensorFlow.js's layer names them.
 */
import * as tf from '@tensorflow/tfjs';
import type { LayerArgs } from '@tensorflow/tfjs-layers/dist/engine/topology.js';

export class LayerNorm extends tf.layers.Layer {
  static readonly className = 'EvoNasLayerNorm';
  readonly epsilon: number;
  private gamma: tf.LayerVariable | undefined;
  private beta: tf.LayerVariable | undefined;

  constructor(args: { readonly epsilon: number } & LayerArgs) {
    super(args);
    this.epsilon = args.epsilon;
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = inputShape as tf.Shape;
    const features = shape[shape.length - 1] as number;
    this.gamma = this.addWeight('gamma', [features], 'float32', tf.initializers.ones());
    this.beta = this.addWeight('beta', [features], 'float32', tf.initializers.zeros());
    this.built = true;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = Array.isArray(inputs) ? (inputs[0] as tf.Tensor) : inputs;
      const { mean, variance } = tf.moments(x, -1, true);
      const normalised = tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, this.epsilon)));
      return tf.add(tf.mul(normalised, (this.gamma as tf.LayerVariable).read()), (this.beta as tf.LayerVariable).read());
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), epsilon: this.epsilon };
  }
}
tf.serialization.registerClass(LayerNorm);
