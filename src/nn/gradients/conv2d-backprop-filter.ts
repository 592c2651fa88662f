/**
 * Conv2DBackpropFilter for the wasm backend, which has none. For 3x3 stride-1 convolutions
 * winograd.c works in the Winograd F(2x2, 3x3) domain (2.25x fewer multiplies); otherwise it
 * computes dw[kh][kw][ci][co] = sum over n, oy, ox of x[n][oy*s + kh - pad][ox*s + kw - pad][ci] *
 * dy[n][oy][ox][co] directly, as register tiles of outer products over each image's pixels.
 * Unlike the alternatives measured (im2col + matMul, or a convolution with batch and channel
 * axes swapped) neither moves much data: no im2col buffer, no transposes
 * (benchmarks/wasm-kernels.ts).
 */
import type * as tf from '@tensorflow/tfjs';
import { WasmKernels, type WasmBackendInternals } from '../wasm/module.js';
import { winogradApplies } from './direct-conv.js';
import { checkOutputShape, convGeometry, type ConvAttributes } from './geometry.js';

export const conv2dBackpropFilterWasm: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const { x, dy } = inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
  const { filterShape, ...conv } = attrs as unknown as ConvAttributes & { filterShape: number[] };
  const kernels = WasmKernels.for(backend as unknown as WasmBackendInternals);
  const g = convGeometry('Conv2DBackpropFilter', x.shape, filterShape, conv, false);
  checkOutputShape('Conv2DBackpropFilter', g, dy.shape);
  const dw = kernels.output([...filterShape]);
  if (winogradApplies(g)) {
    // The kernel reads x's padding as zeros itself (border tiles go through the last 16 * inChannels floats).
    const scratch = kernels.scratchPointer(4 * 16 * (g.inChannels * g.outChannels + WINOGRAD_FILTER_BLOCK * (g.inChannels + g.outChannels) + g.inChannels));
    kernels.exports.winograd_filter_grad(kernels.pointer(x), kernels.pointer(dy), kernels.pointer(dw), kernels.geometryPointer(g), scratch, WINOGRAD_FILTER_BLOCK);
    return dw;
  }
  kernels.exports.conv2d_backprop_filter(kernels.pointer(x), kernels.pointer(dy), kernels.pointer(dw), kernels.geometryPointer(g));
  return dw;
};

/** Tiles per block of the Winograd filter gradient (measured best of 8, 16, 32, 64, 128). */
const WINOGRAD_FILTER_BLOCK = 16;
