/**
 * Makes the wasm backend trainable: registers the convolution gradient kernels it lacks
 * (Conv2DBackpropFilter, DepthwiseConv2dNativeBackpropFilter, ...BackpropInput), a fast
 * Conv2DBackpropInput in place of its slow stock one, a Conv2D faster than its XNNPACK one on
 * these shapes, an Identity that shares data instead of copying it, the batch-norm kernels
 * of batch-norm.ts, and a ResizeNearestNeighborGrad that is the true adjoint of the forward
 * resize (the stock one mishandles halfPixelCenters and 1-pixel sides). Idempotent; safe to call
 * before or after the backend is initialised.
 */
import * as tf from '@tensorflow/tfjs';
import {
  batchNormGradConfig,
  batchNormInferenceGradConfig,
  batchNormWasmKernels,
} from './batch-norm-wasm.js';
import { conv2dBackpropFilterWasm } from './conv2d-backprop-filter.js';
import { conv2dBackpropInputWasm } from './conv2d-backprop-input.js';
import { conv2dWasm, fusedConv2dWasm } from './conv2d-forward.js';
import { depthwiseBackpropFilterWasm, depthwiseBackpropInputWasm } from './depthwise-backprop.js';
import { identityWasm } from './identity-wasm.js';
import { untransposedMatMul } from './matmul-wasm.js';
import { resizeNearestGradWasm } from './resize-nearest-grad.js';
import { stockKernel } from './stock-kernel.js';

/** The kernels registerWasmGradients installs for 'wasm', by name. */
export const WASM_GRADIENT_KERNELS = [
  'Conv2D',
  'FusedConv2D',
  'Identity',
  'Conv2DBackpropFilter',
  'Conv2DBackpropInput',
  'DepthwiseConv2dNativeBackpropFilter',
  'DepthwiseConv2dNativeBackpropInput',
  'ResizeNearestNeighborGrad',
  'BatchMatMul',
  '_FusedMatMul',
  ...batchNormWasmKernels.map((k) => k.kernelName),
] as const;

let registered = false;

/** Installs the kernels (once per process: kernel registries are global). */
export function registerWasmGradients(): void {
  if (registered) return;
  const stockConv = tf.getKernel('Conv2D', 'wasm');
  const stockIdentity = tf.getKernel('Identity', 'wasm');
  const stockFusedConv = tf.getKernel('FusedConv2D', 'wasm');
  const stockMatMul = tf.getKernel('BatchMatMul', 'wasm');
  const stockFusedMatMul = tf.getKernel('_FusedMatMul', 'wasm');
  if (!stockConv || !stockIdentity || !stockFusedConv || !stockMatMul || !stockFusedMatMul) throw new Error('registerWasmGradients: @tensorflow/tfjs-backend-wasm is not loaded');
  const conv = conv2dWasm(stockKernel(stockConv));
  const kernels: tf.KernelConfig[] = [
    { kernelName: 'Conv2DBackpropFilter', backendName: 'wasm', kernelFunc: conv2dBackpropFilterWasm },
    { kernelName: 'Conv2D', backendName: 'wasm', kernelFunc: conv },
    { kernelName: 'FusedConv2D', backendName: 'wasm', kernelFunc: fusedConv2dWasm(stockKernel(stockFusedConv)) },
    { kernelName: 'Identity', backendName: 'wasm', kernelFunc: identityWasm(stockKernel(stockIdentity)) },
    { kernelName: 'Conv2DBackpropInput', backendName: 'wasm', kernelFunc: conv2dBackpropInputWasm },
    { kernelName: 'DepthwiseConv2dNativeBackpropFilter', backendName: 'wasm', kernelFunc: depthwiseBackpropFilterWasm },
    { kernelName: 'DepthwiseConv2dNativeBackpropInput', backendName: 'wasm', kernelFunc: depthwiseBackpropInputWasm },
    { kernelName: 'ResizeNearestNeighborGrad', backendName: 'wasm', kernelFunc: resizeNearestGradWasm },
    { kernelName: 'BatchMatMul', backendName: 'wasm', kernelFunc: untransposedMatMul(stockKernel(stockMatMul)) },
    { kernelName: '_FusedMatMul', backendName: 'wasm', kernelFunc: untransposedMatMul(stockKernel(stockFusedMatMul)) },
    ...batchNormWasmKernels,
  ];
  for (const kernel of kernels) {
    // Replacing a registered kernel without unregistering it first only warns, but say what we mean.
    if (tf.getKernel(kernel.kernelName, 'wasm')) tf.unregisterKernel(kernel.kernelName, 'wasm');
    tf.registerKernel(kernel);
  }
  // Gradients are per kernel name, not per backend; these names are evo-nas's own.
  tf.registerGradient(batchNormGradConfig);
  tf.registerGradient(batchNormInferenceGradConfig);
  registered = true;
}
