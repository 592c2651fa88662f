/**
 * Batch norm as wasm kernels of its own: `EvoNasBatchNorm` (training forward: output, batch mean,
 * biased batch variance), `EvoNasBatchNormGrad` (dx, dgamma and dbeta together) with the gradient
 * that joins them, and `EvoNasBatchNormInference` (stored statistics). Composed from tfjs ops, batch norm costs about a
 * dozen passes over the activations forward and backward, with broadcasts that are slow on wasm;
 * these kernels make two passes each way. An optional fused ReLU saves the separate ReLU and its
 * three-op gradient.
 */
import * as tf from '@tensorflow/tfjs';
import { WasmKernels, type WasmBackendInternals } from '../wasm/module.js';

export const BATCH_NORM_KERNEL = 'EvoNasBatchNorm';
export const BATCH_NORM_GRAD_KERNEL = 'EvoNasBatchNormGrad';
export const BATCH_NORM_INFERENCE_KERNEL = 'EvoNasBatchNormInference';

export interface BatchNormAttributes {
  readonly epsilon: number;
  /** 1: the output is max(batch norm, 0). */
  readonly relu: number;
}

type Inputs = Record<string, tf.TensorInfo>;

/** [rows, channels] of an NHWC (or any channels-last) tensor. */
function rowsAndChannels(x: tf.TensorInfo): [number, number] {
  const channels = x.shape[x.shape.length - 1] as number;
  return [x.shape.reduce((a, b) => a * b, 1) / channels, channels];
}

const forward: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const { x, gamma, beta } = inputs as Inputs as { x: tf.TensorInfo; gamma: tf.TensorInfo; beta: tf.TensorInfo };
  const { epsilon, relu } = attrs as unknown as BatchNormAttributes;
  const kernels = WasmKernels.for(backend as unknown as WasmBackendInternals);
  const [rows, channels] = rowsAndChannels(x);
  const [y, mean, variance] = [kernels.output([...x.shape]), kernels.output([channels]), kernels.output([channels])];
  const k = kernels.exports;
  const [xp, meanp, variancep] = [kernels.pointer(x), kernels.pointer(mean), kernels.pointer(variance)];
  k.batch_norm_statistics(xp, rows, channels, meanp, variancep, kernels.scratchPointer(24 * channels));
  k.batch_norm_apply(
    xp, meanp, variancep, kernels.pointer(gamma), kernels.pointer(beta), epsilon, relu, rows, channels,
    kernels.pointer(y), kernels.scratchPointer(4 * channels),
  );
  return [y, mean, variance];
};

const backward: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const { dy, x, mean, variance, gamma, dmean, dvariance, y } = inputs as Inputs;
  const { epsilon, relu } = attrs as unknown as BatchNormAttributes;
  const kernels = WasmKernels.for(backend as unknown as WasmBackendInternals);
  const [rows, channels] = rowsAndChannels(x as tf.TensorInfo);
  const [dx, dgamma, dbeta] = [kernels.output([...(x as tf.TensorInfo).shape]), kernels.output([channels]), kernels.output([channels])];
  const p = (info: tf.TensorInfo | undefined) => kernels.pointer(info as tf.TensorInfo);
  kernels.exports.batch_norm_backward(
    p(dy), p(x), p(mean), p(variance), p(gamma), p(dmean), p(dvariance), relu ? p(y) : 0, epsilon, rows, channels,
    p(dx), p(dgamma), p(dbeta), kernels.scratchPointer(36 * channels),
  );
  return [dx, dgamma, dbeta];
};

/** Evaluation mode: stored statistics, one pass (x - mean) * scale + beta, optionally ReLU. */
const inference: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const { x, mean, variance, gamma, beta } = inputs as Inputs as Record<'x' | 'mean' | 'variance' | 'gamma' | 'beta', tf.TensorInfo>;
  const { epsilon, relu } = attrs as unknown as BatchNormAttributes;
  const kernels = WasmKernels.for(backend as unknown as WasmBackendInternals);
  const [rows, channels] = rowsAndChannels(x);
  const y = kernels.output([...x.shape]);
  kernels.exports.batch_norm_apply(
    kernels.pointer(x), kernels.pointer(mean), kernels.pointer(variance), kernels.pointer(gamma), kernels.pointer(beta),
    epsilon, relu, rows, channels, kernels.pointer(y), kernels.scratchPointer(4 * channels),
  );
  return y;
};

/** The kernels, for registration on the wasm backend. */
export const batchNormWasmKernels: tf.KernelConfig[] = [
  { kernelName: BATCH_NORM_KERNEL, backendName: 'wasm', kernelFunc: forward },
  { kernelName: BATCH_NORM_GRAD_KERNEL, backendName: 'wasm', kernelFunc: backward },
  { kernelName: BATCH_NORM_INFERENCE_KERNEL, backendName: 'wasm', kernelFunc: inference },
];

/**
 * The gradient of `EvoNasBatchNorm`, computed at once for x, gamma and beta (the engine calls a
 * gradient function once per node and the input thunks after it, so nothing is computed twice).
 */
export const batchNormGradConfig: tf.GradConfig = {
  kernelName: BATCH_NORM_KERNEL,
  inputsToSave: ['x', 'gamma'],
  outputsToSave: [true, true, true],
  gradFunc: (dys, saved, attrs) => {
    const [dy, dmean, dvariance] = dys as tf.Tensor[];
    const [x, gamma, y, mean, variance] = saved as tf.Tensor[];
    const inputs = { dy, x, mean, variance, gamma, dmean, dvariance, y } as unknown as tf.NamedTensorMap;
    const [dx, dgamma, dbeta] = tf.engine().runKernel(BATCH_NORM_GRAD_KERNEL, inputs, attrs as tf.NamedAttrMap) as tf.Tensor[];
    return { x: () => dx as tf.Tensor, gamma: () => dgamma as tf.Tensor, beta: () => dbeta as tf.Tensor };
  },
};

/**
 * The gradient of `EvoNasBatchNormInference` (statistics are constants of x here), composed from
 * tfjs ops: evaluation-mode batch norm is rarely differentiated, so this favours plainness.
 */
export const batchNormInferenceGradConfig: tf.GradConfig = {
  kernelName: BATCH_NORM_INFERENCE_KERNEL,
  inputsToSave: ['x', 'mean', 'variance', 'gamma'],
  outputsToSave: [true],
  gradFunc: (dy, saved, attrs) => {
    const [x, mean, variance, gamma, y] = saved as tf.Tensor[];
    const { epsilon, relu } = attrs as unknown as BatchNormAttributes;
    const axes = (x as tf.Tensor).shape.slice(0, -1).map((_, axis) => axis);
    const invstd = tf.rsqrt(tf.add(variance as tf.Tensor, epsilon));
    const scale = tf.mul(invstd, gamma as tf.Tensor);
    const g = relu ? tf.mul(dy as tf.Tensor, tf.cast(tf.greater(y as tf.Tensor, 0), 'float32')) : (dy as tf.Tensor);
    const centered = tf.sub(x as tf.Tensor, mean as tf.Tensor);
    return {
      x: () => tf.mul(g, scale),
      mean: () => tf.neg(tf.mul(tf.sum(g, axes), scale)),
      variance: () => tf.mul(tf.sum(tf.mul(g, centered), axes), tf.mul(tf.mul(gamma as tf.Tensor, tf.pow(invstd, 3)), -0.5)),
      gamma: () => tf.sum(tf.mul(g, tf.mul(centered, invstd)), axes),
      beta: () => tf.sum(g, axes),
    };
  },
};
