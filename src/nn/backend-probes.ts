/**
 * Finding out which TensorFlow.js backends this process can use, and loading them. The two node
 * packages are optional peer dependencies that fail to install on machines that cannot download
 * libtensorflow, so they are only ever loaded here, by a dynamic `import()` of a name held in a
 * variable (neither TypeScript nor a bundler resolves it), inside try/catch.
 */
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import * as tf from '@tensorflow/tfjs';

import type { Backend } from './backend-choice.js';

export { BACKENDS, type Backend } from './backend-choice.js';

/** The npm package behind each backend and the TensorFlow.js backend name it registers. */
export const BACKEND_PACKAGES: Record<Backend, { readonly package: string; readonly tfName: string }> = {
  'node-gpu': { package: '@tensorflow/tfjs-node-gpu', tfName: 'tensorflow' },
  node: { package: '@tensorflow/tfjs-node', tfName: 'tensorflow' },
  wasm: { package: '@tensorflow/tfjs-backend-wasm', tfName: 'wasm' },
  cpu: { package: '@tensorflow/tfjs-backend-cpu', tfName: 'cpu' },
};

export interface LoadResult {
  readonly ok: boolean;
  /** Why it cannot be used, or a note on how it was loaded. */
  readonly reason: string;
}

const require = createRequire(import.meta.url);
const loads = new Map<Backend, Promise<LoadResult>>();

/** The installed version of an npm package, or undefined when it is not installed. */
export function packageVersion(name: string): string | undefined {
  try {
    return (require(`${name}/package.json`) as { version: string }).version;
  } catch {
    return undefined;
  }
}

/** Loads a backend's package once per process; later calls return the first result. */
export function loadBackend(backend: Backend): Promise<LoadResult> {
  let load = loads.get(backend);
  if (!load) {
    load = loadOnce(backend);
    loads.set(backend, load);
  }
  return load;
}

async function loadOnce(backend: Backend): Promise<LoadResult> {
  const name = BACKEND_PACKAGES[backend].package;
  if (backend === 'cpu') return { ok: true, reason: 'bundled with @tensorflow/tfjs' };
  if (backend === 'wasm') return loadWasm();
  // Both node packages register the same 'tensorflow' backend; never load both. tfjs-node-gpu
  // without a GPU is TensorFlow on the CPU, which is what 'node' means.
  const sibling = backend === 'node' ? 'node-gpu' : 'node';
  if ((await loads.get(sibling))?.ok) {
    return backend === 'node'
      ? { ok: true, reason: `${BACKEND_PACKAGES[sibling].package} is loaded; its TensorFlow runs on the CPU` }
      : { ok: false, reason: `${BACKEND_PACKAGES[sibling].package} is loaded already` };
  }
  try {
    await import(/* a variable: resolved only at run time */ name);
    return { ok: true, reason: `${name} ${packageVersion(name) ?? ''}`.trim() };
  } catch (error) {
    return { ok: false, reason: importFailure(name, error) };
  }
}

async function loadWasm(): Promise<LoadResult> {
  const name = BACKEND_PACKAGES.wasm.package;
  try {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    // In Node the .wasm binaries are read from the package's dist folder; say so explicitly so that
    // a bundled or relocated copy of this code still finds them.
    if (tf.findBackend('wasm') === null) wasm.setWasmPaths(`${dirname(require.resolve(name))}/`);
    return { ok: true, reason: `${name} ${wasm.version_wasm}` };
  } catch (error) {
    return { ok: false, reason: importFailure(name, error) };
  }
}

function importFailure(name: string, error: unknown): string {
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);
  // Module loader hooks (a test runner's, for one) may rethrow without the code: read the message too.
  const missing = code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND' || message.includes(`Cannot find package '${name}'`) || message.includes(`Cannot find module '${name}'`);
  if (missing) return `${name} is not installed`;
  return `${name} failed to load: ${message.split('\n')[0]}`;
}

/** Whether the loaded 'tensorflow' backend runs on a GPU (tfjs-node-gpu with CUDA and a device). */
export function tensorflowUsesGpu(): boolean {
  const backend = tf.findBackend('tensorflow') as { isUsingGpuDevice?: boolean } | null;
  return backend?.isUsingGpuDevice === true;
}
