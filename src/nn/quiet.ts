/**
 * Imported for its effect: puts TensorFlow.js in production mode as soon as it loads, before any
 * backend writes its first tensor. Without it the pure-JS CPU backend prints "Hi, looks like you
 * are running TensorFlow.js in Node.js..." on its first write (tfjs-backend-cpu's
 * MathBackendCPU.write, through backend_util.warn, which stays silent when the PROD or IS_TEST
 * flag is set) and the engine runs its debug checks. Each module through which tensors are first
 * made (models, the supernet, batch norm, the optimiser, batches, the backends) imports this, so
 * no command, test or library user sees the banner; the backend actually chosen is reported by
 * `evo-nas doctor` and logged instead.
 */
import * as tf from '@tensorflow/tfjs';

tf.env().set('PROD', true);
