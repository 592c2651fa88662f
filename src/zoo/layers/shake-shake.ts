/**
 * The shake-shake combination of two residual branches (Gastaldi 2017, "Shake-Shake
 * regularization", the "Shake-Shake-Image" setting). While training, each sample's branches are
 * mixed with a fresh alpha ~ U(0, 1) in the forward pass, `alpha * a + (1 - alpha) * b`, and the
 * gradient is split with an independent beta ~ U(0, 1) in the backward pass (`beta * dy` to `a`,
 * `(1 - beta) * dy` to `b`), expressed with `tf.customGrad`. At inference both weights are 0.5.
 * The draws come from the layer's seeded stream (see ./seeded.ts). No weights.
 */
import * as tf from '@tensorflow/tfjs';
import type { LayerArgs } from '@tensorflow/tfjs-layers/dist/engine/topology.js';
import type { Rng } from '../../random/rng.js';
import { layerRng, type StochasticLayer } from './seeded.js';

export class ShakeShake extends tf.layers.Layer implements StochasticLayer {
  static readonly className = 'EvoNasShakeShake';
  readonly seed: number;
  private rng: Rng;

  constructor(args: { readonly seed: number } & LayerArgs) {
    super(args);
    this.seed = args.seed;
    this.rng = layerRng(this.seed, this.name);
  }

  reseed(rng: Rng): void {
    this.rng = rng;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    return (inputShape as tf.Shape[])[0] as tf.Shape;
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: { training?: boolean }): tf.Tensor {
    const [a, b] = inputs as tf.Tensor[] as [tf.Tensor, tf.Tensor];
    if (kwargs.training !== true) return tf.tidy(() => tf.mul(tf.add(a, b), 0.5));
    const perSample = [a.shape[0] as number, ...a.shape.slice(1).map(() => 1)];
    const [forwardSeed, backwardSeed] = [this.rng.seed32(), this.rng.seed32()];
    const shake = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
      const [x1, x2, save] = args as [tf.Tensor, tf.Tensor, tf.GradSaveFunc];
      const alpha = tf.randomUniform(perSample, 0, 1, 'float32', forwardSeed);
      const beta = tf.randomUniform(perSample, 0, 1, 'float32', backwardSeed);
      save([beta]);
      const value = tf.add(tf.mul(x1, alpha), tf.mul(x2, tf.sub(1, alpha)));
      return {
        value,
        gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
          const kept = saved[0] as tf.Tensor;
          return [tf.mul(dy, kept), tf.mul(dy, tf.sub(1, kept))];
        },
      };
    });
    return shake(a, b);
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), seed: this.seed };
  }
}
tf.serialization.registerClass(ShakeShake);
