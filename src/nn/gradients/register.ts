/**
 * Makes the wasm backend trainable: registers the convolution gradient kernels it lacks
 * (Conv2DBackpropFilter, DepthwiseConv2dNativeBackpropFilter, ...BackpropInput), a fast
 * Conv2DBackpropInput in place of its slow stock one, and the batch-norm kernels of
 * batch-norm.ts. Idempotent; safe to call before or after the backend is initialised.
 */
import * as tf from '@tensorflow/tfjs';
import {
  batchNormGradConfig,
  batchNormInferenceGradConfig,
  batchNormWasmKernels,
} from './batch-norm-wasm.js';
import { conv2dBackpropFilterWasm } from './conv2d-backprop-filter.js';
import { conv2dBackpropInputWasm } from './conv2d-backprop-input.js';
import { depthwiseBackpropFilterWasm, depthwiseBackpropInputWasm } from './depthwise-backprop.js';

/** The kernels registerWasmGradients installs for 'wasm', by name. */
export const WASM_GRADIENT_KERNELS = [
  'Conv2DBackpropFilter',
  'Conv2DBackpropInput',
  'DepthwiseConv2dNativeBackpropFilter',
  'DepthwiseConv2dNativeBackpropInput',
  ...batchNormWasmKernels.map((k) => k.kernelName),
] as const;

let registered = false;

/** Installs the kernels (once per process: kernel registries are global). */
export function registerWasmGradients(): void {
  if (registered) return;
  const forwardConv = tf.getKernel('Conv2D', 'wasm')?.kernelFunc;
  if (!forwardConv) throw new Error("registerWasmGradients: @tensorflow/tfjs-backend-wasm is not loaded (no 'Conv2D' kernel for 'wasm')");
  const kernels: tf.KernelConfig[] = [
    { kernelName: 'Conv2DBackpropFilter', backendName: 'wasm', kernelFunc: conv2dBackpropFilterWasm },
    { kernelName: 'Conv2DBackpropInput', backendName: 'wasm', kernelFunc: conv2dBackpropInputWasm(forwardConv) },
    { kernelName: 'DepthwiseConv2dNativeBackpropFilter', backendName: 'wasm', kernelFunc: depthwiseBackpropFilterWasm },
    { kernelName: 'DepthwiseConv2dNativeBackpropInput', backendName: 'wasm', kernelFunc: depthwiseBackpropInputWasm },
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
