/**
 * A stock wasm kernel kept as the fallback of one evo-nas replaces. A kernel's setup (binding its
 * wasm function) runs when the backend starts, for the kernels registered then; a replaced one
 * was not, so it is set up here on first use, once per backend.
 */
import type * as tf from '@tensorflow/tfjs';

export function stockKernel(config: tf.KernelConfig): tf.KernelFunc {
  const ready = new WeakSet<object>();
  return (args) => {
    if (!ready.has(args.backend)) {
      config.setupFunc?.(args.backend);
      ready.add(args.backend);
    }
    return config.kernelFunc(args);
  };
}
