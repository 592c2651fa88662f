import t from 'tap';
import * as tf from '@tensorflow/tfjs';
import { BackendError } from '../../src/errors/errors.js';
import { packageVersion } from '../../src/nn/backend-probes.js';
import { BACKEND_CHOICES, defaultBackendChoice, initBackend, parseBackendChoice } from '../../src/nn/backend.js';
import { WASM_GRADIENT_KERNELS } from '../../src/nn/gradients/register.js';

const nodeInstalled = packageVersion('@tensorflow/tfjs-node') !== undefined;
const nodeGpuInstalled = packageVersion('@tensorflow/tfjs-node-gpu') !== undefined;

t.test('backend names are checked, from a flag or from EVO_NAS_BACKEND', async (t) => {
  for (const choice of BACKEND_CHOICES) t.equal(parseBackendChoice(choice), choice);
  t.throws(() => parseBackendChoice('gpu'), BackendError);
  t.throws(() => parseBackendChoice('gpu'), /--backend must be one of auto, node-gpu, node, wasm, cpu \(got "gpu"\)/);
  t.equal(defaultBackendChoice({}), 'auto');
  t.equal(defaultBackendChoice({ EVO_NAS_BACKEND: 'cpu' }), 'cpu');
  t.throws(() => defaultBackendChoice({ EVO_NAS_BACKEND: 'tpu' }), /EVO_NAS_BACKEND must be one of/);
});

t.test('auto takes the first backend that works and says why the others did not', { skip: nodeInstalled || nodeGpuInstalled ? 'a node backend is installed here' : false }, async (t) => {
  const lines: string[] = [];
  const info = await initBackend('auto', { log: (line) => lines.push(line) });
  t.equal(info.backend, 'wasm');
  t.equal(tf.getBackend(), 'wasm');
  t.match(info.reason, /node-gpu: @tensorflow\/tfjs-node-gpu is not installed; node: @tensorflow\/tfjs-node is not installed; wasm: @tensorflow\/tfjs-backend-wasm 4\.22\.0/);
  t.equal(lines.length, 1);
  t.match(lines[0], /^backend wasm \(/);
  await t.rejects(initBackend('node'), new BackendError('backend node is not available: node: @tensorflow/tfjs-node is not installed'));
});

t.test('wasm uses its SIMD build and gets the gradient kernels; calling again is safe', async (t) => {
  const first = await initBackend('wasm');
  t.match(first, { backend: 'wasm', tfBackend: 'wasm', simd: true, threads: 1 });
  for (const name of WASM_GRADIENT_KERNELS) t.ok(tf.getKernel(name, 'wasm'), `${name} registered`);
  const cpu = await initBackend('cpu');
  t.match(cpu, { backend: 'cpu', tfBackend: 'cpu', threads: 1 });
  t.same(await initBackend('wasm'), first);
  const dw = tf.grad((w: tf.Tensor) => tf.sum(tf.conv2d(tf.ones([1, 4, 4, 2]) as tf.Tensor4D, w as tf.Tensor4D, 1, 'same')))(tf.ones([3, 3, 2, 1]));
  t.same(Array.from(dw.dataSync()).slice(0, 5), [9, 9, 12, 12, 9], 'a conv filter gradient on wasm');
});

t.test('what the replaced wasm kernels do not take goes to the stock ones', async (t) => {
  await initBackend('wasm');
  t.throws(() => tf.conv2d(tf.ones([1, 2, 4, 4]) as tf.Tensor4D, tf.ones([3, 3, 2, 2]) as tf.Tensor4D, 1, 'same', 'NCHW'), /does not support dataFormat:'channelsFirst'/);
  t.same(tf.clone(tf.tensor(['a', 'b'])).dataSync(), ['a', 'b'], 'strings are cloned by the stock Identity');
});
