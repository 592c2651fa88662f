/**
 * Prepends a learned class token to a token sequence and adds a learned position embedding:
 * [B, N, D] -> [B, N + 1, D] (Dosovitskiy et al. 2021, eq. 1). Weights: the token [1, 1, D] and
 * the embedding [1, N + 1, D].
 */
import * as tf from '@tensorflow/tfjs';
import type { LayerArgs } from '@tensorflow/tfjs-layers/dist/engine/topology.js';
import { toInitializer, type InitSpec } from './init.js';

export class ClassTokenPosition extends tf.layers.Layer {
  static readonly className = 'EvoNasClassTokenPosition';
  readonly init: InitSpec;
  private token: tf.LayerVariable | undefined;
  private position: tf.LayerVariable | undefined;

  constructor(args: { readonly init: InitSpec } & LayerArgs) {
    super(args);
    this.init = args.init;
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const [, tokens, features] = inputShape as number[];
    const init = toInitializer(this.init);
    this.token = this.addWeight('token', [1, 1, features!], 'float32', init);
    this.position = this.addWeight('position', [1, tokens! + 1, features!], 'float32', init);
    this.built = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const [batch, tokens, features] = inputShape as tf.Shape;
    return [batch ?? null, tokens == null ? null : tokens + 1, features ?? null];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor3D;
      const token = (this.token as tf.LayerVariable).read() as tf.Tensor3D;
      const tokens = tf.concat([tf.tile(token, [x.shape[0], 1, 1]), x], 1);
      return tf.add(tokens, (this.position as tf.LayerVariable).read());
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), init: { ...this.init } };
  }
}
tf.serialization.registerClass(ClassTokenPosition);
