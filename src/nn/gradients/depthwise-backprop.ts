/**
 * DepthwiseConv2dNativeBackpropFilter and ...BackpropInput for the wasm backend, which has
 * neither. Depthwise convolutions do little arithmetic per byte, so depthwise.c computes both
 * directly (any stride, dilation, padding and channel multiplier), four channels per SIMD
 * instruction when the multiplier is 1.
 */
import type * as tf from '@tensorflow/tfjs';
import { WasmKernels, type WasmBackendInternals } from '../wasm/module.js';
import { checkOutputShape, convGeometry, type ConvAttributes } from './geometry.js';

export const depthwiseBackpropFilterWasm: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const { x, dy } = inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
  const { filterShape, ...conv } = attrs as unknown as ConvAttributes & { filterShape: number[] };
  const kernels = WasmKernels.for(backend as unknown as WasmBackendInternals);
  const g = convGeometry('DepthwiseConv2dNativeBackpropFilter', x.shape, filterShape, conv, true);
  checkOutputShape('DepthwiseConv2dNativeBackpropFilter', g, dy.shape);
  const dw = kernels.output([...filterShape]);
  kernels.exports.depthwise_backprop_filter(kernels.pointer(x), kernels.pointer(dy), kernels.pointer(dw), kernels.geometryPointer(g));
  return dw;
};

export const depthwiseBackpropInputWasm: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const { dy, filter } = inputs as { dy: tf.TensorInfo; filter: tf.TensorInfo };
  const { inputShape, ...conv } = attrs as unknown as ConvAttributes & { inputShape: number[] };
  const kernels = WasmKernels.for(backend as unknown as WasmBackendInternals);
  const g = convGeometry('DepthwiseConv2dNativeBackpropInput', inputShape, filter.shape, conv, true);
  checkOutputShape('DepthwiseConv2dNativeBackpropInput', g, dy.shape);
  const dx = kernels.output([...inputShape]);
  kernels.exports.depthwise_backprop_input(kernels.pointer(dy), kernels.pointer(filter), kernels.pointer(dx), kernels.geometryPointer(g));
  return dx;
};
