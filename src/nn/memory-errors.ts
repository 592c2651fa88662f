/**
 * The wasm backend's out-of-memory failures, in words a user can act on. A wasm module addresses
 * at most 4 GiB; when a training step needs more (every activation is kept for the gradients:
 * mobilenetv2-kuangliu needs about 3.3 GiB at batch 64 on 32x32x3 images), TensorFlow.js's wasm
 * kernels fail with a bare "memory access out of bounds" or an Emscripten abort, naming neither
 * the cause nor the remedy.
 */
const WASM_OUT_OF_MEMORY = /memory access out of bounds|Cannot enlarge memory|Out of memory|Aborted\(OOM\)/i;
/**
 * The backend's release build aborts with a bare "Aborted()" when its allocator cannot grow the
 * heap (seen in registerTensor's malloc for a batch of 256 on mobilenetv2-kuangliu); an abort
 * raised inside tfjs-backend-wasm is taken as that.
 */
const WASM_ABORT = /^(RuntimeError: )?Aborted\(/;

/** The one-line explanation of a wasm out-of-memory failure, or undefined for any other error. */
export function wasmOutOfMemoryMessage(error: unknown): string | undefined {
  const message = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  const stack = error instanceof Error ? (error.stack ?? '') : '';
  if (!WASM_OUT_OF_MEMORY.test(message) && !(WASM_ABORT.test(message) && stack.includes('tfjs-backend-wasm'))) return undefined;
  return (
    `the wasm backend ran out of memory ("${message.split('\n')[0]}"): its heap holds at most 4 GiB, and a training step keeps ` +
    'every activation of the batch for its gradients. Lower --batch-size (memory grows with it), or use @tensorflow/tfjs-node where it is installed'
  );
}
