/**
 * Identity for the wasm backend without the copy. The engine clones every tensor it saves for
 * backprop, and a clone is an Identity kernel; the stock wasm one copies the data, about 180
 * copies per ResNet20 step. Tensor data is never written after it is made, so the clone can
 * share it, counted by reference, as the CPU backend's Identity does.
 */
import type * as tf from '@tensorflow/tfjs';
import type { WasmBackendInternals } from '../wasm/module.js';

export function identityWasm(stock: tf.KernelFunc): tf.KernelFunc {
  return (args) => {
    const x = (args.inputs as { x: tf.TensorInfo }).x;
    if (x.dtype === 'string') return stock(args);
    (args.backend as unknown as WasmBackendInternals).incRef(x.dataId);
    return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
  };
}
