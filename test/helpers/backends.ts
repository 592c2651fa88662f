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
 * `compute` on wasm and on cpu; returns each output's relative error (wasm against cpu) and the
 * shapes. `compute` must build its tensors from plain arrays so that each backend owns its own.
 * `scaleBy[i] = j` measures output i's error against the magnitude of output j's reference: a
 * ReLU's output is a difference of larger terms, so its rounding is relative to those terms (the
 * pre-activation), not to whatever small positive value survived the ReLU.
 */
export async function compareBackends(
  compute: () => tf.Tensor[],
  scaleBy: Readonly<Record<number, number>> = {},
): Promise<{ errors: number[]; shapes: number[][] }> {
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
  return {
    errors: wasm.map((w, i) => relativeError(w.values, cpu[i]?.values ?? [], cpu[scaleBy[i] ?? i]?.values ?? [])),
    shapes: wasm.map((w) => w.shape),
  };
}

export function seededRng(seed: number, label: string): Rng {
  return Rng.fromSeed(seed).fork(label);
}
