/**
 * One subnet in evaluation mode, ready for many batches: each convolution's batch norm is folded
 * into its filter and bias once, at the first batch, and kept until `dispose`. Supernet.forward in
 * evaluation mode slices the supernet's tensors to the subnet's widths and folds them again for
 * every batch (about a twentieth of an evaluation's time over 16 validation batches); the
 * evaluator measures one subnet on many batches, so it folds once. Same arithmetic, same logits.
 */
import * as tf from '@tensorflow/tfjs';
import { foldedConv2d, type FoldedConv } from '../nn/batch-norm.js';

/** A convolution with its batch norm, as one forward pass computes it. */
export interface ConvBnLayer {
  readonly conv: string;
  readonly bn: string;
  readonly from: number;
  readonly to: number;
  readonly stride: number;
  readonly relu: boolean;
}

/** How one forward pass computes a convolution with its batch norm (training, or folded). */
export type ConvBn = (layer: ConvBnLayer, input: tf.Tensor4D) => tf.Tensor4D;

/** Runs a subnet's topology on `x`, computing each convolution with its batch norm by `convBn`. */
export type SubnetNetwork = (x: tf.Tensor4D, convBn: ConvBn) => tf.Tensor2D;

/** The supernet's padding: its 3x3 convolutions keep the size ('same'), its 1x1 projections take none. */
export function convPadding(kernelSize: number): 'same' | 'valid' {
  return kernelSize === 1 ? 'valid' : 'same';
}

export class FoldedSubnet {
  private readonly layers = new Map<string, FoldedConv>();
  private disposed = false;

  constructor(
    private readonly network: SubnetNetwork,
    /** The layer's filter and bias, batch norm folded in, at the subnet's widths. */
    private readonly fold: (layer: ConvBnLayer) => FoldedConv,
  ) {}

  /** Logits [batch, classes] for NHWC input `x`. */
  logits(x: tf.Tensor4D): tf.Tensor2D {
    if (this.disposed) throw new Error('FoldedSubnet.logits: the subnet was disposed');
    return tf.tidy(() =>
      this.network(x, (layer, input) => {
        const folded = this.folded(layer);
        return foldedConv2d(input, folded, layer.stride, convPadding(folded.filter.shape[0]), layer.relu);
      }),
    );
  }

  dispose(): void {
    for (const { filter, bias } of this.layers.values()) tf.dispose([filter, bias]);
    this.layers.clear();
    this.disposed = true;
  }

  private folded(layer: ConvBnLayer): FoldedConv {
    let folded = this.layers.get(layer.conv);
    if (!folded) {
      // Kept past the tidy of the batch that first needs it.
      const made = this.fold(layer);
      folded = { filter: tf.keep(made.filter), bias: tf.keep(made.bias) };
      this.layers.set(layer.conv, folded);
    }
    return folded;
  }
}
