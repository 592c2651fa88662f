/**
 * A residual sum whose residual branch is randomly dropped while training: `shortcut + g * f(x)`.
 *
 * - `mode: 'batch'` is Huang et al. 2016, "Deep Networks with Stochastic Depth": one gate
 *   g ~ Bernoulli(survival) for the whole mini-batch; at inference the branch is scaled by the
 *   survival probability. (The reference skips computing a dropped branch; here it is computed
 *   and multiplied by zero, which costs time but keeps every weight on the gradient tape.)
 * - `mode: 'sample'` is the per-sample "drop connect" of EfficientNet (Tan & Le 2019): each
 *   sample keeps its branch with probability `survival`, scaled by 1 / survival while training;
 *   identity at inference.
 *
 * Draws come from the layer's seeded stream (see ./seeded.ts). No weights.
 */
import * as tf from '@tensorflow/tfjs';
import type { LayerArgs } from '@tensorflow/tfjs-layers/dist/engine/topology.js';
import type { Rng } from '../../random/rng.js';
import { layerRng, type StochasticLayer } from './seeded.js';

export interface StochasticDepthArgs {
  /** Probability that the residual branch is kept, in (0, 1]. */
  readonly survival: number;
  readonly mode: 'batch' | 'sample';
  readonly seed: number;
}

export class StochasticDepth extends tf.layers.Layer implements StochasticLayer {
  static readonly className = 'EvoNasStochasticDepth';
  readonly args: StochasticDepthArgs;
  private rng: Rng;

  constructor(args: StochasticDepthArgs & LayerArgs) {
    super(args);
    this.args = { survival: args.survival, mode: args.mode, seed: args.seed };
    this.rng = layerRng(args.seed, this.name);
  }

  reseed(rng: Rng): void {
    this.rng = rng;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    return (inputShape as tf.Shape[])[0] as tf.Shape;
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: { training?: boolean }): tf.Tensor {
    const [shortcut, residual] = inputs as tf.Tensor[] as [tf.Tensor, tf.Tensor];
    const { survival, mode } = this.args;
    const training = kwargs.training === true;
    return tf.tidy(() => {
      if (mode === 'batch') {
        const gate = training ? (this.rng.bool(survival) ? 1 : 0) : survival;
        return tf.add(shortcut, tf.mul(residual, gate));
      }
      if (!training) return tf.add(shortcut, residual);
      const perSample = [residual.shape[0] as number, ...residual.shape.slice(1).map(() => 1)];
      const draw = tf.randomUniform(perSample, 0, 1, 'float32', this.rng.seed32());
      const mask = tf.div(tf.cast(tf.less(draw, survival), 'float32'), survival);
      return tf.add(shortcut, tf.mul(residual, mask));
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), ...this.args };
  }
}
tf.serialization.registerClass(StochasticDepth);
