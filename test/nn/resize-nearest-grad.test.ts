/**
 * The wasm gradient of tf.image.resizeNearestNeighbor (evo-nas's ResizeNearestNeighborGrad)
 * against two references. The exact one is the adjoint of the wasm forward kernel itself: resize
 * an image of pixel indices, and each output then names the input pixel its dy goes to. The
 * other is TensorFlow.js's CPU kernel, compared only where that kernel is right: one image at a
 * time (for batch > 1 it reads later images' dy at the wrong offset), halfPixelCenters off (it
 * ignores the attribute), no 1-pixel side under alignCorners (it never returns), and sizes where
 * its double-precision index map equals the wasm forward's float32 one. Both references add in
 * the kernel's order and precision, so every comparison is exact.
 */
import fc from 'fast-check';
import t, { type Test } from 'tap';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../src/nn/backend.js';
import { seededRng, uniform } from '../helpers/backends.js';
import { holdsAsync, seedArb } from '../helpers/property.js';

interface Case {
  /** images: [batch, height, width, channels]. */
  readonly shape: readonly [number, number, number, number];
  readonly size: readonly [number, number];
  readonly alignCorners: boolean;
  readonly halfPixelCenters: boolean;
}

const dyShape = (c: Case): [number, number, number, number] => [c.shape[0], c.size[0], c.size[1], c.shape[3]];
const count = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/** The gradient of sum(resize(images) * dy) with respect to images, on the current backend. */
function resizeGradient(c: Case, dy: Float32Array): Float32Array {
  return tf.tidy(() => {
    const weights = tf.tensor4d(dy, dyShape(c));
    const loss = (x: tf.Tensor) =>
      tf.sum(tf.mul(tf.image.resizeNearestNeighbor(x as tf.Tensor4D, [c.size[0], c.size[1]], c.alignCorners, c.halfPixelCenters), weights));
    return tf.grad(loss)(tf.zeros([...c.shape])).dataSync() as Float32Array;
  });
}

/** For each resized pixel, the flat index of the input pixel it copies (on the current backend). */
function forwardSources(c: Case): Float32Array {
  return tf.tidy(() => {
    const indices = tf.tensor4d(Float32Array.from({ length: count(c.shape) }, (_, i) => i), [...c.shape]);
    return tf.image.resizeNearestNeighbor(indices, [c.size[0], c.size[1]], c.alignCorners, c.halfPixelCenters).dataSync() as Float32Array;
  });
}

/** The adjoint of the wasm forward resize applied to dy, summed in dy order in double precision. */
function wasmAdjoint(c: Case, dy: Float32Array): Float32Array {
  const sums = new Float64Array(count(c.shape));
  forwardSources(c).forEach((source, o) => {
    sums[source]! += dy[o]!;
  });
  return Float32Array.from(sums);
}

/** Whether the CPU kernel's gradient is meaningful for this case (see the module comment). */
function cpuIsRight(c: Case): boolean {
  const onePixelCorner = c.alignCorners && ((c.shape[1] === 1 && c.size[0] > 1) || (c.shape[2] === 1 && c.size[1] > 1));
  return !c.halfPixelCenters && !onePixelCorner;
}

/** The CPU backend's gradient, one image at a time, or undefined where its index map differs. */
async function cpuGradient(c: Case, dy: Float32Array): Promise<Float32Array | undefined> {
  const wasmSources = forwardSources(c);
  await initBackend('cpu');
  try {
    const cpuSources = forwardSources(c);
    if (cpuSources.some((s, i) => s !== wasmSources[i])) return undefined;
    const one: Case = { ...c, shape: [1, c.shape[1], c.shape[2], c.shape[3]] };
    const [image, slice] = [count(one.shape), count(dyShape(one))];
    const out = new Float32Array(count(c.shape));
    for (let b = 0; b < c.shape[0]; b++) out.set(resizeGradient(one, dy.subarray(b * slice, (b + 1) * slice)), b * image);
    return out;
  } finally {
    await initBackend('wasm');
  }
}

/** Positions where the two arrays differ at all (first few), for a readable failure. */
function differences(actual: Float32Array, expected: Float32Array): string[] {
  if (actual.length !== expected.length) return [`length ${actual.length} != ${expected.length}`];
  const out: string[] = [];
  for (let i = 0; i < expected.length && out.length < 5; i++) {
    if (!Object.is(actual[i], expected[i])) out.push(`[${i}] ${actual[i]} != ${expected[i]}`);
  }
  return out;
}

async function check(t: Test, c: Case, seed: number): Promise<void> {
  await initBackend('wasm');
  const dy = uniform(count(dyShape(c)), seededRng(seed, 'resize-dy'));
  const wasm = resizeGradient(c, dy);
  t.same(differences(wasm, wasmAdjoint(c, dy)), [], 'equals the adjoint of the wasm forward');
  if (!cpuIsRight(c)) return;
  const cpu = await cpuGradient(c, dy);
  if (cpu) t.same(differences(wasm, cpu), [], 'equals the CPU backend, image by image');
  else t.comment('the CPU forward copies other pixels at this size: no CPU comparison');
}

const flags = (alignCorners: boolean, halfPixelCenters: boolean) => ({ alignCorners, halfPixelCenters });
const plain = flags(false, false);

const cases: Array<[string, Case]> = [
  ['2x up-scaling, as Residual Attention uses', { shape: [2, 4, 4, 3], size: [8, 8], ...plain }],
  ['2x up-scaling, many channels', { shape: [3, 8, 8, 16], size: [16, 16], ...plain }],
  ['same size', { shape: [2, 3, 3, 2], size: [3, 3], ...plain }],
  ['non-integer up-scaling', { shape: [2, 5, 7, 2], size: [8, 11], ...plain }],
  ['non-integer up-scaling, alignCorners', { shape: [2, 5, 7, 2], size: [8, 11], ...flags(true, false) }],
  ['non-integer up-scaling, halfPixelCenters', { shape: [2, 5, 7, 2], size: [8, 11], ...flags(false, true) }],
  ['down-scaling', { shape: [3, 9, 6, 2], size: [4, 4], ...plain }],
  ['down-scaling, alignCorners', { shape: [3, 9, 6, 2], size: [4, 4], ...flags(true, false) }],
  ['down-scaling, halfPixelCenters', { shape: [3, 9, 6, 2], size: [4, 4], ...flags(false, true) }],
  ['to one pixel, alignCorners', { shape: [2, 3, 5, 2], size: [1, 1], ...flags(true, false) }],
  ['a 1-pixel side, alignCorners (the CPU kernel never returns)', { shape: [2, 1, 4, 2], size: [3, 5], ...flags(true, false) }],
  ['a size where float32 and double pick different pixels', { shape: [1, 2, 3, 1], size: [82, 5], ...plain }],
];

for (const [name, c] of cases) {
  t.test(`${name}: ${JSON.stringify(c)}`, (t) => check(t, c, 1));
}

const caseArb: fc.Arbitrary<Case> = fc
  .record({
    batch: fc.integer({ min: 1, max: 3 }),
    height: fc.integer({ min: 1, max: 9 }),
    width: fc.integer({ min: 1, max: 9 }),
    channels: fc.integer({ min: 1, max: 4 }),
    outHeight: fc.integer({ min: 1, max: 20 }),
    outWidth: fc.integer({ min: 1, max: 20 }),
    mode: fc.constantFrom('plain', 'alignCorners', 'halfPixelCenters'),
  })
  .map((r) => ({
    shape: [r.batch, r.height, r.width, r.channels] as const,
    size: [r.outHeight, r.outWidth] as const,
    ...flags(r.mode === 'alignCorners', r.mode === 'halfPixelCenters'),
  }));

t.test('over random shapes and modes, the wasm gradient is the adjoint of the wasm forward', async (t) => {
  await initBackend('wasm');
  await holdsAsync(
    t,
    'bit-for-bit equal to the adjoint',
    fc.asyncProperty(caseArb, seedArb, async (c, seed) => {
      const dy = uniform(count(dyShape(c)), seededRng(seed, 'resize-property'));
      return differences(resizeGradient(c, dy), wasmAdjoint(c, dy)).length === 0;
    }),
    { numRuns: 200 },
  );
});

t.test('over random shapes where the CPU kernel is right, the wasm gradient equals it', async (t) => {
  await holdsAsync(
    t,
    'bit-for-bit equal to the CPU backend, image by image',
    fc.asyncProperty(caseArb.filter(cpuIsRight), seedArb, async (c, seed) => {
      await initBackend('wasm');
      const dy = uniform(count(dyShape(c)), seededRng(seed, 'resize-cpu-property'));
      const wasm = resizeGradient(c, dy);
      const cpu = await cpuGradient(c, dy);
      return cpu === undefined || differences(wasm, cpu).length === 0;
    }),
    { numRuns: 60 },
  );
});

t.test('repeated gradients leave no tensors or backend buffers behind', async (t) => {
  await initBackend('wasm');
  const c: Case = { shape: [2, 4, 4, 8], size: [8, 8], ...plain };
  const dy = uniform(count(dyShape(c)), seededRng(2, 'resize-leaks'));
  const census = () => ({ ...tf.memory(), backendBuffers: tf.backend().numDataIds() });
  resizeGradient(c, dy);
  const before = census();
  for (let i = 0; i < 10; i++) resizeGradient(c, dy);
  t.same(census(), before);
});
