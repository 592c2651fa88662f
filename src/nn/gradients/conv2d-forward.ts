/**
 * Conv2D for the wasm backend: Winograd (winograd43.c's F(4x4, 3x3) or winograd.c's F(2x2, 3x3),
 * as winogradTile chooses) for 3x3 stride-1 convolutions, conv.c's direct convolution (register
 * tiles of four output pixels by eight channels over the filter in its own layout) for the rest.
 * On ResNet20 shapes both outrun the backend's XNNPACK convolution (benchmarks/wasm-kernels.ts);
 * the stock kernel still serves NCHW data.
 */
import type * as tf from '@tensorflow/tfjs';
import { denseLayout, WasmKernels, type WasmBackendInternals } from '../wasm/module.js';
import { convolve } from './direct-conv.js';
import { convGeometry, type ConvAttributes } from './geometry.js';

export function conv2dWasm(stock: tf.KernelFunc): tf.KernelFunc {
  return (args) => {
    const { dataFormat } = args.attrs as { dataFormat?: string };
    return (dataFormat ?? 'NHWC') === 'NHWC' ? convolveInC('Conv2D', args, undefined, false) : stock(args);
  };
}

/**
 * FusedConv2D, which TensorFlow.js's layers call for every Conv2D layer and the supernet's
 * inference calls with batch norm folded in: without an activation, or with a ReLU, and with no
 * bias or one value per output channel, it runs the C kernels with the bias and the ReLU applied
 * as each output is written (on ResNet20 shapes about twice as fast as the stock XNNPACK kernel,
 * and one pass over the output instead of two); other activations, PReLU weights, dilation or NCHW
 * data go to the stock kernel.
 */
export function fusedConv2dWasm(stock: tf.KernelFunc): tf.KernelFunc {
  return (args) => {
    if (!fusedInC(args)) return stock(args);
    const { bias } = args.inputs as { bias?: tf.TensorInfo };
    return convolveInC('FusedConv2D', args, bias, (args.attrs as { activation?: string }).activation === 'relu');
  };
}

/** The kernel's NHWC x convolved with its filter by the C kernels, adding `bias` (if any) and applying a ReLU as each output is written. */
function convolveInC(kernelName: string, { inputs, backend, attrs }: Parameters<tf.KernelFunc>[0], bias: tf.TensorInfo | undefined, relu: boolean): tf.TensorInfo {
  const { x, filter } = inputs as { x: tf.TensorInfo; filter: tf.TensorInfo };
  const kernels = WasmKernels.for(backend as unknown as WasmBackendInternals);
  const g = convGeometry(kernelName, x.shape, filter.shape, attrs as unknown as ConvAttributes, false);
  const y = kernels.output([g.batch, g.outHeight, g.outWidth, g.outChannels]);
  convolve(kernels, x, kernels.pointer(filter), y, g, denseLayout(g.outHeight, g.outWidth, g.outChannels), { bias: bias ? kernels.pointer(bias) : 0, relu });
  return y;
}

/** Whether the C kernels compute this FusedConv2D (else the stock kernel does). */
export function fusedInC(args: Pick<Parameters<tf.KernelFunc>[0], 'inputs' | 'attrs'>): boolean {
  const { filter, bias, preluActivationWeights } = args.inputs as { filter: tf.TensorInfo; bias?: tf.TensorInfo; preluActivationWeights?: tf.TensorInfo };
  const { activation, dilations, dataFormat } = (args.attrs ?? {}) as { activation?: string; dilations?: number | [number, number]; dataFormat?: string };
  const outChannels = filter.shape[3];
  return (
    (dataFormat ?? 'NHWC') === 'NHWC' &&
    ![dilations ?? 1].flat().some((d) => d !== 1) &&
    !preluActivationWeights &&
    ['linear', 'relu'].includes(activation ?? 'linear') &&
    (!bias || (bias.dtype === 'float32' && bias.shape.reduce((a, b) => a * b, 1) === outChannels && bias.shape.length <= 1))
  );
}
