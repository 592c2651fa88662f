/**
 * Choosing the TensorFlow.js backend, once, at start-up. `auto` takes the fastest that works
 * here: `@tensorflow/tfjs-node-gpu` when it is installed and TensorFlow sees a GPU, else
 * `@tensorflow/tfjs-node`, else `@tensorflow/tfjs-backend-wasm` (made trainable by
 * registerWasmGradients), else the pure-JS CPU backend. An explicit choice that cannot be had is
 * an error that says why. The choice can also come from the environment variable
 * EVO_NAS_BACKEND.
 */
import { availableParallelism } from 'node:os';
import * as tf from '@tensorflow/tfjs';
import './quiet.js';
import { BackendError } from '../errors/errors.js';
import { BACKENDS, defaultBackendChoice, type Backend, type BackendChoice } from './backend-choice.js';
import { BACKEND_PACKAGES, loadBackend, tensorflowUsesGpu } from './backend-probes.js';
import { registerWasmGradients } from './gradients/register.js';

export { BACKENDS, BACKEND_CHOICES, BACKEND_ENV, defaultBackendChoice, parseBackendChoice, type Backend, type BackendChoice } from './backend-choice.js';


/**
 * Said once by every command that trains, when it trains on the pure-JS cpu backend. Measured on
 * the development machine (2 shared cores): a training step of one 3x3 convolution pair on 8
 * images of 32x32x16 took 7.9 s on cpu and 13 ms on wasm.
 */
export const CPU_TRAINING_WARNING =
  'warning: the cpu backend (TensorFlow.js in plain JavaScript) trains about 600 times slower than wasm ' +
  '(measured: 7.9 s against 13 ms for a 3x3 convolution training step on 8 images); use --backend wasm, or auto, unless you are checking results against it';

/** The warning a command that trains prints for `backend`, or undefined when there is none. */
export function trainingBackendWarning(backend: Backend): string | undefined {
  return backend === 'cpu' ? CPU_TRAINING_WARNING : undefined;
}

export interface BackendInfo {
  /** What was asked for (after reading EVO_NAS_BACKEND). */
  readonly requested: BackendChoice;
  /** The backend in use. */
  readonly backend: Backend;
  /** TensorFlow.js's name for it: 'tensorflow', 'wasm' or 'cpu'. */
  readonly tfBackend: string;
  /** Why this backend: one line per backend tried. */
  readonly reason: string;
  /** Threads its kernels use. */
  readonly threads: number;
  /** wasm only: whether the SIMD build of the backend is in use. */
  readonly simd?: boolean;
}

export interface InitBackendOptions {
  /** Called once with `reason` when the backend is set. */
  readonly log?: (line: string) => void;
}

/**
 * Loads and activates a backend. Safe to call again: packages load once, and switching backends
 * later is allowed (tensors made before stay on the backend that made them).
 */
export async function initBackend(choice?: BackendChoice, options: InitBackendOptions = {}): Promise<BackendInfo> {
  const requested = choice ?? defaultBackendChoice();
  const candidates = requested === 'auto' ? BACKENDS : [requested];
  const notes: string[] = [];
  for (const backend of candidates) {
    const usable = await usableReason(backend);
    if (usable.ok) {
      const info = await activate(requested, backend, [...notes, `${backend}: ${usable.reason}`].join('; '));
      options.log?.(`backend ${info.backend} (${info.reason})`);
      return info;
    }
    notes.push(`${backend}: ${usable.reason}`);
  }
  throw new BackendError(`backend ${requested} is not available: ${notes.join('; ')}`);
}

/** Whether `backend` can be used here, and why (not). Loads its package. */
export async function usableReason(backend: Backend): Promise<{ ok: boolean; reason: string }> {
  const load = await loadBackend(backend);
  if (!load.ok) return load;
  if (backend === 'node-gpu' && !(await tf.setBackend('tensorflow') && tensorflowUsesGpu())) {
    return { ok: false, reason: `${load.reason} is installed but TensorFlow sees no GPU` };
  }
  return load;
}

async function activate(requested: BackendChoice, backend: Backend, reason: string): Promise<BackendInfo> {
  const tfBackend = BACKEND_PACKAGES[backend].tfName;
  if (backend === 'wasm') registerWasmGradients();
  if (!(await tf.setBackend(tfBackend))) throw new BackendError(`backend ${backend}: TensorFlow.js could not initialise '${tfBackend}'`);
  await tf.ready();
  const base = { requested, backend, tfBackend, reason };
  if (backend === 'wasm') {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    return { ...base, threads: wasm.getThreadsCount(), simd: (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) === true };
  }
  // TensorFlow's default intra-op pool is one thread per core; the JS CPU backend has one.
  return { ...base, threads: backend === 'cpu' ? 1 : availableParallelism() };
}
