/**
 * Batch norm (Ioffe & Szegedy 2015) over the last (channel) axis, as the supernet uses it.
 *
 * Training mode normalises with the batch's own statistics and returns them (mean and biased
 * variance) for running statistics and BN recalibration. On the wasm backend, once
 * `registerWasmGradients` has run, it is one custom kernel forward and one backward
 * (gradients/batch-norm-wasm.ts); elsewhere it is composed from broadcasting ops (sub, mul,
 * rsqrt), not `tf.batchNorm`, whose gradient spends its time in `Tile`. Both give the same
 * values and gradients (test/nn/batch-norm.test.ts).
 */
import * as tf from '@tensorflow/tfjs';
import './quiet.js';
import { BATCH_NORM_INFERENCE_KERNEL, BATCH_NORM_KERNEL, type BatchNormAttributes } from './gradients/batch-norm-wasm.js';

/** PyTorch's default epsilon. */
export const BN_EPSILON = 1e-5;

export interface BatchNormOptions {
  /** Added to the variance before its square root (default BN_EPSILON). */
  readonly epsilon?: number;
  /** Return max(output, 0): batch norm and ReLU fused (default false). */
  readonly relu?: boolean;
}

/** Options, or just the epsilon (as `tf.batchNorm` takes it). */
export type BatchNormSettings = BatchNormOptions | number;

function settings(value: BatchNormSettings): { epsilon: number; relu: boolean } {
  const options = typeof value === 'number' ? { epsilon: value } : value;
  return { epsilon: options.epsilon ?? BN_EPSILON, relu: options.relu ?? false };
}

export interface BatchNormTrainingResult<R extends tf.Rank> {
  readonly output: tf.Tensor<R>;
  /** The batch mean per channel. */
  readonly mean: tf.Tensor1D;
  /** The batch's biased variance per channel (divided by the count, as normalisation uses). */
  readonly variance: tf.Tensor1D;
}

/**
 * Training-mode batch norm of `x` (channels last) with scale `gamma` and shift `beta`.
 * Gradients flow to x, gamma and beta, and through the returned statistics too.
 */
export function batchNormTraining<R extends tf.Rank>(
  x: tf.Tensor<R>,
  gamma: tf.Tensor1D,
  beta: tf.Tensor1D,
  options: BatchNormSettings = {},
): BatchNormTrainingResult<R> {
  const { epsilon, relu } = settings(options);
  if (tf.getKernel(BATCH_NORM_KERNEL, tf.getBackend()) !== undefined) {
    const attrs: BatchNormAttributes = { epsilon, relu: relu ? 1 : 0 };
    const inputs = { x, gamma, beta } as unknown as tf.NamedTensorMap;
    const [output, mean, variance] = tf.engine().runKernel(BATCH_NORM_KERNEL, inputs, attrs as unknown as tf.NamedAttrMap) as tf.Tensor[];
    return { output: output as tf.Tensor<R>, mean: mean as tf.Tensor1D, variance: variance as tf.Tensor1D };
  }
  return tf.tidy(() => {
    const axes = x.shape.slice(0, -1).map((_, axis) => axis);
    const mean = tf.mean(x, axes) as tf.Tensor1D;
    const centered = tf.sub(x, mean);
    const variance = tf.mean(tf.square(centered), axes) as tf.Tensor1D;
    const normalised = tf.add(tf.mul(centered, tf.mul(tf.rsqrt(tf.add(variance, epsilon)), gamma)), beta) as tf.Tensor<R>;
    return { output: relu ? tf.relu(normalised) : normalised, mean, variance };
  });
}

/** Evaluation-mode batch norm with stored statistics: one multiply and one add per value. */
export function batchNormInference<R extends tf.Rank>(
  x: tf.Tensor<R>,
  mean: tf.Tensor1D,
  variance: tf.Tensor1D,
  gamma: tf.Tensor1D,
  beta: tf.Tensor1D,
  options: BatchNormSettings = {},
): tf.Tensor<R> {
  const { epsilon, relu } = settings(options);
  if (tf.getKernel(BATCH_NORM_INFERENCE_KERNEL, tf.getBackend()) !== undefined) {
    const attrs: BatchNormAttributes = { epsilon, relu: relu ? 1 : 0 };
    const inputs = { x, mean, variance, gamma, beta } as unknown as tf.NamedTensorMap;
    return tf.engine().runKernel(BATCH_NORM_INFERENCE_KERNEL, inputs, attrs as unknown as tf.NamedAttrMap) as tf.Tensor<R>;
  }
  return tf.tidy(() => {
    const scale = tf.mul(tf.rsqrt(tf.add(variance, epsilon)), gamma);
    const shift = tf.sub(beta, tf.mul(mean, scale));
    const output = tf.add(tf.mul(x, scale), shift) as tf.Tensor<R>;
    return relu ? tf.relu(output) : output;
  });
}

/** Inference statistics and parameters of a batch norm, one value per channel. */
export interface BatchNormParameters {
  readonly mean: tf.Tensor1D;
  readonly variance: tf.Tensor1D;
  readonly gamma: tf.Tensor1D;
  readonly beta: tf.Tensor1D;
}

/** A convolution's filter and bias with an inference-mode batch norm folded in. */
export interface FoldedConv {
  readonly filter: tf.Tensor4D;
  readonly bias: tf.Tensor1D;
}

/**
 * Inference-mode batch norm folded into the convolution before it: the filter scaled per output
 * channel by gamma / sqrt(variance + epsilon), and a bias of beta - mean * scale.
 */
export function foldBatchNorm(filter: tf.Tensor4D, bn: BatchNormParameters, epsilon = BN_EPSILON): FoldedConv {
  return tf.tidy(() => {
    const scale = tf.mul(tf.rsqrt(tf.add(bn.variance, epsilon)), bn.gamma);
    return { filter: tf.mul(filter, scale) as tf.Tensor4D, bias: tf.sub(bn.beta, tf.mul(bn.mean, scale)) as tf.Tensor1D };
  });
}

/**
 * A convolution followed by inference-mode batch norm (and optionally ReLU), given the batch norm
 * folded into it (`foldBatchNorm`): one fused convolution that adds the bias and applies the ReLU
 * as it writes each output (on wasm, the C kernels' epilogue). It equals
 * `batchNormInference(conv2d(x, filter), ...)` up to float32 rounding, and the activation is
 * written once instead of twice.
 */
export function foldedConv2d(x: tf.Tensor4D, conv: FoldedConv, strides: number, pad: 'same' | 'valid', relu: boolean): tf.Tensor4D {
  return tf.fused.conv2d({ x, filter: conv.filter, strides, pad, bias: conv.bias, activation: relu ? 'relu' : 'linear' });
}
