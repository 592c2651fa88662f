/**
 * Speed of the wasm backend's training kernels on ResNet20 shapes at batch 64, printed as JSON:
 * per-kernel times (forward conv, evo-nas's input and filter gradients, the alternatives they
 * were chosen over, batch norm), the full forward + backward of a plain ResNet20, and a
 * per-kernel profile of that step (which kernels take the time). One wasm thread.
 *
 *   npm run bench:wasm-kernels            (about a minute)
 *
 * Times are the median of RUNS after WARMUP calls (V8 compiles wasm in tiers, so first calls are
 * slow); the full step also reports its minimum, the better guide when other work shares the CPU.
 */
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../src/nn/backend.js';
import { BN_EPSILON, batchNormTraining } from '../src/nn/batch-norm.js';
import { Rng } from '../src/random/rng.js';
import { plainResNet20 } from './resnet20-plain.js';

const BATCH = 64;
const WARMUP = 3;
const RUNS = Number(process.env.BENCH_RUNS ?? 7);

/** Median and minimum milliseconds of `run`, whose returned tensors are disposed. */
function time(run: () => tf.TensorContainer, runs = RUNS): { median: number; min: number } {
  for (let i = 0; i < WARMUP; i++) tf.dispose(run());
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const out = run();
    times.push(performance.now() - start);
    tf.dispose(out);
  }
  times.sort((a, b) => a - b);
  return { median: round(times[Math.floor(runs / 2)] as number), min: round(times[0] as number) };
}

const round = (ms: number) => Math.round(ms * 100) / 100;
const median = (run: () => tf.TensorContainer) => time(run).median;

// The stock kernel, captured before evo-nas's replaces it, for comparison.
await import('@tensorflow/tfjs-backend-wasm');
const stockBackpropInput = tf.getKernel('Conv2DBackpropInput', 'wasm');
const info = await initBackend('wasm');
// Kernels get their setup when the backend starts; this one was unregistered before that.
stockBackpropInput?.setupFunc?.(tf.backend());
const rng = Rng.fromSeed(0).fork('bench-wasm-kernels');
const random = (shape: number[]) => tf.tensor(Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => 2 * rng.float() - 1), shape);

interface Layer {
  readonly name: string;
  readonly size: number;
  readonly from: number;
  readonly to: number;
  readonly kernel: number;
  readonly stride: number;
}

const LAYERS: Layer[] = [
  { name: 'stem 3x3 3->16 @32', size: 32, from: 3, to: 16, kernel: 3, stride: 1 },
  { name: '3x3 16->16 @32', size: 32, from: 16, to: 16, kernel: 3, stride: 1 },
  { name: '3x3 16->32 s2 @32', size: 32, from: 16, to: 32, kernel: 3, stride: 2 },
  { name: '1x1 16->32 s2 @32', size: 32, from: 16, to: 32, kernel: 1, stride: 2 },
  { name: '3x3 32->32 @16', size: 16, from: 32, to: 32, kernel: 3, stride: 1 },
  { name: '3x3 32->64 s2 @16', size: 16, from: 32, to: 64, kernel: 3, stride: 2 },
  { name: '1x1 32->64 s2 @16', size: 16, from: 32, to: 64, kernel: 1, stride: 2 },
  { name: '3x3 64->64 @8', size: 8, from: 64, to: 64, kernel: 3, stride: 1 },
];

function layerTimes(layer: Layer): Record<string, number> {
  const pad = layer.kernel === 1 ? 'valid' : 'same';
  const x = random([BATCH, layer.size, layer.size, layer.from]) as tf.Tensor4D;
  const w = random([layer.kernel, layer.kernel, layer.from, layer.to]) as tf.Tensor4D;
  const dy = tf.tidy(() => random(tf.conv2d(x, w, layer.stride, pad).shape));
  const attrs = { strides: layer.stride, pad, dataFormat: 'NHWC' };
  const engine = tf.engine();
  const times: Record<string, number> = {
    forward: median(() => tf.conv2d(x, w, layer.stride, pad)),
    input_grad: median(() => engine.runKernel('Conv2DBackpropInput', { dy, filter: w }, { ...attrs, inputShape: x.shape }) as tf.Tensor),
    filter_grad: median(() => engine.runKernel('Conv2DBackpropFilter', { x, dy }, { ...attrs, filterShape: w.shape }) as tf.Tensor),
  };
  if (layer.kernel === 3 && layer.from >= 16) Object.assign(times, alternatives(layer, x, w, dy));
  tf.dispose([x, w, dy]);
  return times;
}

/** The designs measured against evo-nas's kernels (TF 'same' padding: 1 before at stride 1, 0 at stride 2). */
function alternatives(layer: Layer, x: tf.Tensor4D, w: tf.Tensor4D, dy: tf.Tensor): Record<string, number> {
  const s = layer.stride;
  const [top, bottom] = s === 1 ? [1, 1] : [0, 1];
  const times: Record<string, number> = {};
  // Filter gradient as a forward conv with batch and channel axes swapped (XNNPACK), plus transposes.
  times.filter_grad_swapped_conv = median(() =>
    tf.tidy(() => {
      const xt = tf.transpose(x, [3, 1, 2, 0]) as tf.Tensor4D; // [ci, H, W, N]
      const dyt = tf.transpose(dy, [1, 2, 0, 3]) as tf.Tensor4D; // [Ho, Wo, N, co]
      const out = tf.conv2d(xt, dyt, 1, [[0, 0], [top, bottom], [top, bottom], [0, 0]], 'NHWC', s);
      return tf.transpose(out, [1, 2, 0, 3]);
    }),
  );
  // Filter gradient as im2col (slices of the padded input), transposed, times dy (XNNPACK matMul).
  times.filter_grad_im2col_matmul = median(() =>
    tf.tidy(() => {
      const padded = tf.pad(x, [[0, 0], [top, bottom], [top, bottom], [0, 0]]);
      const out = dy.shape[1] as number;
      const slices = [];
      for (let kh = 0; kh < 3; kh++) {
        for (let kw = 0; kw < 3; kw++) slices.push(tf.stridedSlice(padded, [0, kh, kw, 0], [BATCH, kh + s * (out - 1) + 1, kw + s * (out - 1) + 1, layer.from], [1, s, s, 1]));
      }
      const columns = tf.transpose(tf.reshape(tf.concat(slices, 3), [-1, 9 * layer.from]));
      return tf.matMul(columns, tf.reshape(dy, [-1, layer.to]));
    }),
  );
  if (stockBackpropInput && (layer.size === 32 || s === 2)) {
    const backend = tf.backend();
    times.input_grad_stock = median(() => {
      const out = stockBackpropInput.kernelFunc({ inputs: { dy, filter: w }, backend, attrs: { strides: s, pad: 'same', dataFormat: 'NHWC', inputShape: x.shape } }) as tf.TensorInfo;
      return tf.engine().makeTensorFromTensorInfo(out);
    });
  }
  return times;
}

/** Batch norm forward and backward: evo-nas's kernels against the same maths in tfjs ops. */
function batchNormTimes(size: number, channels: number): Record<string, number> {
  const x = random([BATCH, size, size, channels]) as tf.Tensor4D;
  const gamma = tf.ones([channels]) as tf.Tensor1D;
  const beta = tf.zeros([channels]) as tf.Tensor1D;
  const dy = random(x.shape);
  const composed = (a: tf.Tensor4D, g: tf.Tensor1D, b: tf.Tensor1D) => {
    const mean = tf.mean(a, [0, 1, 2]);
    const centered = tf.sub(a, mean);
    const variance = tf.mean(tf.square(centered), [0, 1, 2]);
    return tf.add(tf.mul(centered, tf.mul(tf.rsqrt(tf.add(variance, BN_EPSILON)), g)), b);
  };
  const withGrads = (f: (a: tf.Tensor4D, g: tf.Tensor1D, b: tf.Tensor1D) => tf.Tensor) => () =>
    tf.grads((a: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(f(a as tf.Tensor4D, g as tf.Tensor1D, b as tf.Tensor1D), dy)))([x, gamma, beta]);
  const ours = (a: tf.Tensor4D, g: tf.Tensor1D, b: tf.Tensor1D) => batchNormTraining(a, g, b).output;
  const times = {
    forward: median(() => tf.tidy(() => ours(x, gamma, beta))),
    forward_backward: median(withGrads(ours)),
    composed_ops_forward: median(() => tf.tidy(() => composed(x, gamma, beta))),
    composed_ops_forward_backward: median(withGrads(composed)),
  };
  tf.dispose([x, gamma, beta, dy]);
  return times;
}

/** The full step of a plain ResNet20 at batch 64, and a per-kernel profile of it. */
async function resnet20Times() {
  const images = random([BATCH, 32, 32, 3]) as tf.Tensor4D;
  const labels = tf.oneHot(Array.from({ length: BATCH }, () => rng.int(10)), 10) as tf.Tensor2D;
  const net = plainResNet20(rng.fork('resnet20'));
  const unfused = plainResNet20(rng.fork('resnet20'), { fuseRelu: false });
  const optimizer: tf.Optimizer = tf.train.momentum(0.1, 0.9);
  const step = (model = net) => tf.variableGrads(() => model.loss(images, labels), model.variables);
  const result = {
    forward_ms: time(() => net.loss(images, labels)),
    forward_backward_ms: time(() => step()),
    forward_backward_unfused_relu_ms: time(() => step(unfused)),
    step_with_sgd_momentum_ms: time(() => {
      const { value, grads } = step();
      optimizer.applyGradients(grads);
      return [value, grads];
    }),
  };
  const profile = await tf.profile(() => {
    const { value, grads } = step();
    tf.dispose([value, grads]);
  });
  tf.dispose([images, labels]);
  net.dispose();
  unfused.dispose();
  optimizer.dispose();
  // tf.profile has awaited every kernel's time by the time it returns.
  return { ...result, profile: kernelProfile(profile.kernels as { name: string; kernelTimeMs: number }[]) };
}

/** Total milliseconds and calls per kernel name, largest first. */
function kernelProfile(kernels: readonly { name: string; kernelTimeMs: number }[]) {
  const byName = new Map<string, { ms: number; calls: number }>();
  for (const kernel of kernels) {
    const entry = byName.get(kernel.name) ?? { ms: 0, calls: 0 };
    entry.ms += kernel.kernelTimeMs;
    entry.calls += 1;
    byName.set(kernel.name, entry);
  }
  const total = [...byName.values()].reduce((sum, e) => sum + e.ms, 0);
  return {
    total_kernel_ms: round(total),
    kernels: [...byName.entries()]
      .sort((a, b) => b[1].ms - a[1].ms)
      .map(([kernel, e]) => ({ kernel, ms: round(e.ms), calls: e.calls, share: Math.round((1000 * e.ms) / total) / 1000 })),
  };
}

const kernels = Object.fromEntries(LAYERS.map((layer) => [layer.name, layerTimes(layer)]));
const batchNorm = Object.fromEntries(
  ([[32, 16], [16, 32], [8, 64]] as const).map(([size, channels]) => [`${BATCH}x${size}x${size}x${channels}`, batchNormTimes(size, channels)]),
);
const resnet20 = await resnet20Times();
console.log(
  JSON.stringify(
    {
      backend: info.backend,
      threads: info.threads,
      simd: info.simd,
      batch: BATCH,
      timing: `median ms of ${RUNS} after ${WARMUP} warm-up calls`,
      conv_kernels_ms: kernels,
      batch_norm_ms: batchNorm,
      resnet20,
    },
    null,
    1,
  ),
);
