/**
 * Nearest-neighbour resize of an image batch to a fixed [height, width], like PyTorch's
 * `F.interpolate(x, size=(h, w))` default (source index floor(dst * in / out)). TensorFlow.js's
 * own Resizing layer computes its output shape without the batch axis, so it cannot be used
 * inside a model. No weights.
 */
import * as tf from '@tensorflow/tfjs';
import type { LayerArgs } from '@tensorflow/tfjs-layers/dist/engine/topology.js';

export class ResizeNearest extends tf.layers.Layer {
  static readonly className = 'EvoNasResizeNearest';
  readonly size: readonly [number, number];

  constructor(args: { readonly size: readonly [number, number] } & LayerArgs) {
    super(args);
    this.size = [args.size[0], args.size[1]];
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const [batch, , , channels] = inputShape as tf.Shape;
    return [batch ?? null, this.size[0], this.size[1], channels ?? null];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor4D;
      return tf.image.resizeNearestNeighbor(x, [this.size[0], this.size[1]]);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), size: [...this.size] };
  }
}
tf.serialization.registerClass(ResizeNearest);
