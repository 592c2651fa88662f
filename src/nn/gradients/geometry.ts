/**
 * The convolution a gradient kernel belongs to, recomputed from the kernel's attributes with
 * TensorFlow.js's own shape rules (so 'same', 'valid', explicit padding and rounding modes mean
 * exactly what they mean in the forward op).
 */
import * as tf from '@tensorflow/tfjs';
import type { ConvGeometry } from '../wasm/module.js';

type Pad = 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;

export interface ConvAttributes {
  readonly strides: number | [number, number];
  readonly pad: Pad;
  readonly dilations?: number | [number, number];
  readonly dataFormat?: 'NHWC' | 'NCHW';
  readonly dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

/** The geometry of the forward convolution of `inputShape` by `filterShape`. */
export function convGeometry(
  kernelName: string,
  inputShape: readonly number[],
  filterShape: readonly number[],
  attrs: ConvAttributes,
  depthwise: boolean,
): ConvGeometry {
  if ((attrs.dataFormat ?? 'NHWC') !== 'NHWC') {
    throw new Error(`${kernelName} on wasm supports dataFormat 'NHWC' only (got '${attrs.dataFormat}')`);
  }
  const info = tf.backend_util.computeConv2DInfo(
    inputShape as [number, number, number, number],
    filterShape as [number, number, number, number],
    attrs.strides,
    attrs.dilations ?? 1,
    attrs.pad,
    attrs.dimRoundingMode,
    depthwise,
  );
  return {
    batch: info.batchSize,
    inHeight: info.inHeight,
    inWidth: info.inWidth,
    inChannels: info.inChannels,
    outHeight: info.outHeight,
    outWidth: info.outWidth,
    outChannels: info.outChannels,
    filterHeight: info.filterHeight,
    filterWidth: info.filterWidth,
    strideHeight: info.strideHeight,
    strideWidth: info.strideWidth,
    dilationHeight: info.dilationHeight,
    dilationWidth: info.dilationWidth,
    padTop: info.padInfo.top,
    padLeft: info.padInfo.left,
  };
}

/** Throws unless dy has the forward convolution's output shape. */
export function checkOutputShape(kernelName: string, g: ConvGeometry, dyShape: readonly number[]): void {
  const expected = [g.batch, g.outHeight, g.outWidth, g.outChannels];
  if (dyShape.length !== 4 || expected.some((size, axis) => size !== dyShape[axis])) {
    throw new Error(`${kernelName}: dy has shape [${dyShape.join(', ')}] but the convolution gives [${expected.join(', ')}]`);
  }
}
