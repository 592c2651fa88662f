/**
 * Batch normalisation over the channel (last) axis with PyTorch's semantics, for the zoo:
 * running statistics updated with momentum 0.1 from the batch mean and the *unbiased* batch
 * variance (TensorFlow.js's own layer uses the biased one), and training-mode normalisation by
 * src/nn/batch-norm.ts, which on wasm is one fused kernel each way. TensorFlow.js's
 * BatchNormalization layer takes its gradient through `tf.batchNorm`, whose backward pass spends
 * most of a ResNet training step in `Tile` on wasm (measured: 750 of 1,700 ms for ResNet20 at
 * batch 64).
 *
 * Weights are named and ordered as TensorFlow.js's layer names them (gamma, beta, moving_mean,
 * moving_variance), so weight lists of either layer line up.
 */
import * as tf from '@tensorflow/tfjs';
import type { LayerArgs } from '@tensorflow/tfjs-layers/dist/engine/topology.js';
import { batchNormInference, batchNormTraining } from '../../nn/batch-norm.js';

export interface BatchNormArgs {
  readonly epsilon: number;
  /** PyTorch's momentum: the weight of the new batch in the running statistics (0.1). */
  readonly momentum: number;
}

export class BatchNorm extends tf.layers.Layer {
  static readonly className = 'EvoNasBatchNorm';
  readonly args: BatchNormArgs;
  private weightsOf: { gamma: tf.LayerVariable; beta: tf.LayerVariable; mean: tf.LayerVariable; variance: tf.LayerVariable } | undefined;

  constructor(args: BatchNormArgs & LayerArgs) {
    super(args);
    this.args = { epsilon: args.epsilon, momentum: args.momentum };
    this.supportsMasking = true;
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = inputShape as tf.Shape;
    const channels = shape[shape.length - 1] as number;
    this.weightsOf = {
      gamma: this.addWeight('gamma', [channels], 'float32', tf.initializers.ones()),
      beta: this.addWeight('beta', [channels], 'float32', tf.initializers.zeros()),
      mean: this.addWeight('moving_mean', [channels], 'float32', tf.initializers.zeros(), undefined, false),
      variance: this.addWeight('moving_variance', [channels], 'float32', tf.initializers.ones(), undefined, false),
    };
    this.built = true;
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: { training?: boolean }): tf.Tensor {
    const x = Array.isArray(inputs) ? (inputs[0] as tf.Tensor) : inputs;
    const w = this.weightsOf as NonNullable<BatchNorm['weightsOf']>;
    const [gamma, beta] = [w.gamma.read() as tf.Tensor1D, w.beta.read() as tf.Tensor1D];
    if (!kwargs.training) {
      return batchNormInference(x, w.mean.read() as tf.Tensor1D, w.variance.read() as tf.Tensor1D, gamma, beta, this.args.epsilon);
    }
    return tf.tidy(() => {
      const { output, mean, variance } = batchNormTraining(x, gamma, beta, this.args.epsilon);
      const count = x.size / (x.shape[x.shape.length - 1] as number);
      const unbiased = count > 1 ? count / (count - 1) : 1;
      const m = this.args.momentum;
      w.mean.write(tf.add(tf.mul(w.mean.read(), 1 - m), tf.mul(mean, m)));
      w.variance.write(tf.add(tf.mul(w.variance.read(), 1 - m), tf.mul(variance, m * unbiased)));
      return output;
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), ...this.args };
  }
}
tf.serialization.registerClass(BatchNorm);
