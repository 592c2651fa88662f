/**
 * Cuts an image into non-overlapping square patches and flattens each one: [B, H, W, C] ->
 * [B, (H / p) * (W / p), p * p * C], the tokens of a Vision Transformer (Dosovitskiy et al.
 * 2021). Patches are taken row by row; inside a patch, pixels row by row with channels last.
 * No weights (the linear patch embedding is the Dense layer that follows).
 */
import * as tf from '@tensorflow/tfjs';
import type { LayerArgs } from '@tensorflow/tfjs-layers/dist/engine/topology.js';

export class Patches extends tf.layers.Layer {
  static readonly className = 'EvoNasPatches';
  /** The side of one patch in pixels. */
  readonly size: number;

  constructor(args: { readonly size: number } & LayerArgs) {
    super(args);
    this.size = args.size;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const [batch, height, width, channels] = inputShape as number[];
    const p = this.size;
    if (height! % p !== 0 || width! % p !== 0) {
      throw new RangeError(`${this.name}: a ${height}x${width} image does not split into ${p}x${p} patches`);
    }
    return [batch ?? null, (height! / p) * (width! / p), p * p * channels!];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor4D;
      const [batch, height, width, channels] = x.shape;
      const p = this.size;
      const grid = tf.reshape(x, [batch, height / p, p, width / p, p * channels]);
      const patches = tf.transpose(grid, [0, 1, 3, 2, 4]);
      return tf.reshape(patches, [batch, (height / p) * (width / p), p * p * channels]);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), size: this.size };
  }
}
tf.serialization.registerClass(Patches);
