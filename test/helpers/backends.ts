/**
 * Runs the same computation on the wasm backend (with evo-nas's kernels) and on TensorFlow.js's
 * pure-JS CPU backend, the reference, and compares the results.
 */
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../src/nn/backend.js';
import { Rng } from '../../src/random/rng.js';

/** Gradients may differ from the reference by at most this relative error. */
export const TOLERANCE = 1e-4;

/**
 * Relative error of `actual` against `expected`, per tensor: max |a - e| over the largest
 * magnitude in `expected` (at least 1e-6, so an all-zero reference does not divide by zero).
 * Elementwise relative error would be meaningless where the reference is near zero, and
 * accumulation order differs between backends by design.
 */
export function relativeError(actual: ArrayLike<number>, expected: ArrayLike<number>, scaleOf: ArrayLike<number> = expected): number {
  if (actual.length !== expected.length) return Infinity;
  let diff = 0;
  for (let i = 0; i < expected.length; i++) diff = Math.max(diff, Math.abs((actual[i] as number) - (expected[i] as number)));
  let scale = 1e-6;
  for (let i = 0; i < scaleOf.length; i++) scale = Math.max(scale, Math.abs(scaleOf[i] as number));
  return Number.isNaN(diff) ? Infinity : diff / scale;
}

/** Uniform values in [-1, 1) from a seeded stream. */
export function uniform(size: number, rng: Rng): Float32Array {
  return Float32Array.from({ length: size }, () => 2 * rng.float() - 1);
}

/**
 * `compute` on wasm and on cpu; returns each output's relative error (wasm against cpu), the
 * shapes, and the cpu values. `compute` must build its tensors from plain arrays so that each
 * backend owns its own. `scaleBy[i] = j` (or several js, the largest counts) measures output i's
 * error against the magnitude of output j's reference: a ReLU's output is a difference of larger
 * terms, so its rounding is relative to those terms (the pre-activation), not to whatever small
 * positive value survived the ReLU; a sum is rounded relative to its terms (`termSizes`).
 */
export async function compareBackends(
  compute: () => tf.Tensor[],
  scaleBy: Readonly<Record<number, number | readonly number[]>> = {},
): Promise<{ errors: number[]; shapes: number[][]; reference: Float32Array[] }> {
  const run = async (backend: 'wasm' | 'cpu') => {
    await initBackend(backend);
    return tf.tidy(compute).map((t) => {
      const values = t.dataSync() as Float32Array;
      const shape = t.shape;
      t.dispose();
      return { values, shape };
    });
  };
  const wasm = await run('wasm');
  const cpu = await run('cpu');
  await initBackend('wasm');
  const scaleOf = (i: number): number => Math.max(...[scaleBy[i] ?? i].flat().map((j) => largestMagnitude(cpu[j]?.values ?? [])));
  return {
    errors: wasm.map((w, i) => relativeError(w.values, cpu[i]?.values ?? [], [scaleOf(i)])),
    shapes: wasm.map((w) => w.shape),
    reference: cpu.map((c) => c.values),
  };
}

function largestMagnitude(values: ArrayLike<number>): number {
  let largest = 0;
  for (let i = 0; i < values.length; i++) largest = Math.max(largest, Math.abs(values[i] as number));
  return largest;
}

/**
 * The size of the terms behind each entry of a bilinear operation (a convolution, a matrix
 * product) and of its two gradients: the same computation on absolute values, where no term
 * cancels another. Backends that sum in different orders differ by a rounding of this size, however
 * small the sum itself comes out (a one-entry filter gradient can sum 243 terms of size 0.5 to 0.004).
 */
export function termSizes(op: (a: tf.Tensor, b: tf.Tensor) => tf.Tensor, a: tf.Tensor, b: tf.Tensor, upstream: tf.Tensor): tf.Tensor[] {
  const [absA, absB] = [tf.abs(a), tf.abs(b)];
  return [op(absA, absB), ...tf.grads(op)([absA, absB], tf.abs(upstream))];
}

/**
 * Whether a ReLU's input has an entry so near zero (but not zero) that the backends' roundings
 * may put it on opposite sides, where the ReLU's gradient jumps from 0 to the whole upstream
 * gradient: a disagreement of the kink, not of the kernels. Properties skip such draws. The
 * backends' pre-activations differ by up to 2e-6 of their largest (batch norm of values near -20,
 * where the mean's subtraction cancels), so 3e-5 leaves a margin; a soak drew one at 30x.
 */
export function nearReluKink(preActivation: ArrayLike<number>, relative = 3e-5): boolean {
  const scale = largestMagnitude(preActivation);
  for (let i = 0; i < preActivation.length; i++) {
    const v = Math.abs(preActivation[i] as number);
    if (v !== 0 && v < relative * scale) return true;
  }
  return false;
}

export function seededRng(seed: number, label: string): Rng {
  return Rng.fromSeed(seed).fork(label);
}
