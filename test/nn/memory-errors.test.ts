/**
 * The wasm backend's out-of-memory failures are explained (cause and remedy) instead of printed
 * as a bare trap with its stack; any other error is left alone.
 */
import t from 'tap';
import { wasmOutOfMemoryMessage } from '../../src/nn/memory-errors.js';

t.test("a wasm trap or abort for want of memory names the heap's limit and the remedy", async (t) => {
  // WebAssembly.RuntimeError, as the wasm kernels throw it (the project's TypeScript libs do not declare WebAssembly).
  const trap = Object.assign(new Error('memory access out of bounds'), { name: 'RuntimeError' });
  const cases = [trap, new Error('Aborted(OOM)'), new RangeError('Cannot enlarge memory arrays'), 'Out of memory'];
  for (const error of cases) {
    const message = wasmOutOfMemoryMessage(error);
    t.match(message, /^the wasm backend ran out of memory \(".+"\): its heap holds at most 4 GiB/, String(error));
    t.match(message, /Lower --batch-size/);
  }
});

t.test("the wasm backend's bare abort is taken as its heap failing to grow only when it comes from the backend", async (t) => {
  const abort = (stack: string) => Object.assign(new Error('Aborted(). Build with -sASSERTIONS for more info.'), { name: 'RuntimeError', stack });
  const fromBackend = abort('RuntimeError: Aborted()\n    at abort (/x/node_modules/@tensorflow/tfjs-backend-wasm/dist/tf-backend-wasm.node.js:8755:132)');
  t.match(wasmOutOfMemoryMessage(fromBackend), /ran out of memory \("Aborted\(\)\. Build with -sASSERTIONS for more info\."\)/);
  t.equal(wasmOutOfMemoryMessage(abort('RuntimeError: Aborted()\n    at somewhere/else.js:1:1')), undefined, 'an abort from elsewhere is left alone');
});

t.test('other errors are not mistaken for it', async (t) => {
  for (const error of [new Error('ENOSPC: no space left on device'), new RangeError('Invalid array length'), 42, undefined]) {
    t.equal(wasmOutOfMemoryMessage(error), undefined, String(error));
  }
});
