/**
 * Runs kernels.c's direct convolution. Pixels near a padded border are slow for it (their taps
 * differ, one pixel at a time), so a padded convolution first copies x into a zero-bordered
 * buffer — one pass over memory — and then every output pixel is an interior one.
 */
import type * as tf from '@tensorflow/tfjs';
import type { ConvGeometry, OutputLayout, WasmKernels } from '../wasm/module.js';

/** y (at `layout`) = x (NHWC, shaped as `g` says) convolved with the filter at `filter`. */
export function directConv(
  kernels: WasmKernels,
  x: tf.TensorInfo,
  filter: number,
  y: tf.TensorInfo,
  g: ConvGeometry,
  layout: OutputLayout,
): void {
  const bottom = Math.max(0, (g.outHeight - 1) * g.strideHeight + (g.filterHeight - 1) * g.dilationHeight + 1 - g.padTop - g.inHeight);
  const right = Math.max(0, (g.outWidth - 1) * g.strideWidth + (g.filterWidth - 1) * g.dilationWidth + 1 - g.padLeft - g.inWidth);
  const k = kernels.exports;
  if (g.padTop === 0 && g.padLeft === 0 && bottom === 0 && right === 0) {
    k.conv2d_forward(kernels.pointer(x), filter, kernels.pointer(y), kernels.geometryPointer(g), kernels.layoutPointer(layout));
    return;
  }
  const [height, width] = [g.inHeight + g.padTop + bottom, g.inWidth + g.padLeft + right];
  const padded = kernels.output([g.batch, height, width, g.inChannels]);
  k.pad_nhwc(kernels.pointer(x), kernels.pointer(padded), g.batch, g.inHeight, g.inWidth, g.inChannels, g.padTop, g.padLeft, height, width);
  const inner = { ...g, inHeight: height, inWidth: width, padTop: 0, padLeft: 0 };
  k.conv2d_forward(kernels.pointer(padded), filter, kernels.pointer(y), kernels.geometryPointer(inner), kernels.layoutPointer(layout));
  kernels.dispose(padded);
}
