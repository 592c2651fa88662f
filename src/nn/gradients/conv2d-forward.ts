/**
 * Conv2D for the wasm backend: winograd.c's Winograd F(2x2, 3x3) for 3x3 stride-1 convolutions,
 * its direct convolution (register tiles of four output pixels by eight channels over the filter
 * in its own layout) for the rest. On ResNet20 shapes both outrun the backend's XNNPACK
 * convolution (benchmarks/wasm-kernels.ts); the stock kernel still serves NCHW data.
 */
import type * as tf from '@tensorflow/tfjs';
import { denseLayout, WasmKernels, type WasmBackendInternals } from '../wasm/module.js';
import { convolve } from './direct-conv.js';
import { convGeometry, type ConvAttributes } from './geometry.js';

export function conv2dWasm(stock: tf.KernelFunc): tf.KernelFunc {
  return (args) => {
    const { inputs, backend, attrs } = args;
    const { x, filter } = inputs as { x: tf.TensorInfo; filter: tf.TensorInfo };
    const conv = attrs as unknown as ConvAttributes;
    if ((conv.dataFormat ?? 'NHWC') !== 'NHWC') return stock(args);
    const kernels = WasmKernels.for(backend as unknown as WasmBackendInternals);
    const g = convGeometry('Conv2D', x.shape, filter.shape, conv, false);
    const y = kernels.output([g.batch, g.outHeight, g.outWidth, g.outChannels]);
    convolve(kernels, x, kernels.pointer(filter), y, g, denseLayout(g.outHeight, g.outWidth, g.outChannels));
    return y;
  };
}

/**
 * FusedConv2D, which TensorFlow.js's layers call for every Conv2D layer: without a bias or an
 * activation it is a plain convolution, so it runs conv2dWasm (on ResNet20 shapes about twice
 * as fast as the stock XNNPACK kernel); with them, or with dilation, the stock kernel.
 */
export function fusedConv2dWasm(stock: tf.KernelFunc, conv: tf.KernelFunc): tf.KernelFunc {
  return (args) => {
    const { bias, preluActivationWeights } = args.inputs as { bias?: tf.TensorInfo; preluActivationWeights?: tf.TensorInfo };
    const { activation, dilations } = args.attrs as { activation?: string; dilations?: number | [number, number] };
    const dilated = dilations !== undefined && [dilations].flat().some((d) => d !== 1);
    const plain = !bias && !preluActivationWeights && (activation ?? 'linear') === 'linear' && !dilated;
    return plain ? conv(args) : stock(args);
  };
}
