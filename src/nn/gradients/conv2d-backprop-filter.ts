/**
 * Conv2DBackpropFilter for the wasm backend, which has none: kernels.c computes
 * dw[kh][kw][ci][co] = sum over n, oy, ox of x[n][oy*s + kh - pad][ox*s + kw - pad][ci] * dy[n][oy][ox][co]
 * directly, as register tiles of outer products over each image's pixels. Unlike the
 * alternatives measured (im2col + matMul, or a convolution with batch and channel axes swapped)
 * it moves no data: no im2col buffer, no transposes (benchmarks/wasm-kernels.ts).
 */
import type * as tf from '@tensorflow/tfjs';
import { WasmKernels, type WasmBackendInternals } from '../wasm/module.js';
import { checkOutputShape, convGeometry, type ConvAttributes } from './geometry.js';

export const conv2dBackpropFilterWasm: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const { x, dy } = inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
  const { filterShape, ...conv } = attrs as unknown as ConvAttributes & { filterShape: number[] };
  const kernels = WasmKernels.for(backend as unknown as WasmBackendInternals);
  const g = convGeometry('Conv2DBackpropFilter', x.shape, filterShape, conv, false);
  checkOutputShape('Conv2DBackpropFilter', g, dy.shape);
  const dw = kernels.output([...filterShape]);
  kernels.exports.conv2d_backprop_filter(kernels.pointer(x), kernels.pointer(dy), kernels.pointer(dw), kernels.geometryPointer(g));
  return dw;
};
