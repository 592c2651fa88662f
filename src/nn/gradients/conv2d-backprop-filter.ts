/**
 * Conv2DBackpropFilter for the wasm backend, which has none. For 3x3 stride-1 convolutions
 * winograd43.c or winograd.c works in the Winograd F(4x4, 3x3) or F(2x2, 3x3) domain (4x or 2.25x
 * fewer multiplies; the same choice as the forward's, winogradTile); otherwise it
 * computes dw[kh][kw][ci][co] = sum over n, oy, ox of x[n][oy*s + kh - pad][ox*s + kw - pad][ci] *
 * dy[n][oy][ox][co] directly, as register tiles of outer products over each image's pixels.
 * Unlike the alternatives measured (im2col + matMul, or a convolution with batch and channel
 * axes swapped) neither moves much data: no im2col buffer, no transposes
 * (benchmarks/wasm-kernels.ts).
 */
import type * as tf from '@tensorflow/tfjs';
import { WasmKernels, type ConvGeometry, type WasmBackendInternals } from '../wasm/module.js';
import { fixedWinogradWidth, winogradApplies, winogradTile, type WinogradTile } from './direct-conv.js';
import { checkOutputShape, convGeometry, type ConvAttributes } from './geometry.js';

export const conv2dBackpropFilterWasm: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const { x, dy } = inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
  const { filterShape, ...conv } = attrs as unknown as ConvAttributes & { filterShape: number[] };
  const kernels = WasmKernels.for(backend as unknown as WasmBackendInternals);
  const g = convGeometry('Conv2DBackpropFilter', x.shape, filterShape, conv, false);
  checkOutputShape('Conv2DBackpropFilter', g, dy.shape);
  const dw = kernels.output([...filterShape]);
  if (winogradApplies(g)) {
    const tile = winogradTile(g);
    const [points, block] = [(tile + 2) ** 2, filterGradientBlock(tile, g)];
    // The kernel reads x's padding as zeros itself (border tiles go through the last points * inChannels floats).
    const scratch = kernels.scratchPointer(4 * points * (g.inChannels * g.outChannels + block * (g.inChannels + g.outChannels) + g.inChannels));
    const width = tile === 4 ? fixedWinogradWidth(g) : undefined;
    if (width) {
      // Its block is compiled in, and equals filterGradientBlock's (which sized the scratch).
      kernels.exports[`winograd43_filter_grad_${width}`](kernels.pointer(x), kernels.pointer(dy), kernels.pointer(dw), kernels.geometryPointer(g), scratch);
      return dw;
    }
    (tile === 4 ? kernels.exports.winograd43_filter_grad : kernels.exports.winograd_filter_grad)(
      kernels.pointer(x), kernels.pointer(dy), kernels.pointer(dw), kernels.geometryPointer(g), scratch, block,
    );
    return dw;
  }
  kernels.exports.conv2d_backprop_filter(kernels.pointer(x), kernels.pointer(dy), kernels.pointer(dw), kernels.geometryPointer(g));
  return dw;
};

/**
 * Tiles per block of the Winograd filter gradient: the most whose transformed tiles stay in cache.
 * F(2x2): 16, measured best of 8, 16, 32, 64, 128. F(4x4) (36 floats per tile and channel): 8 up to
 * 64 channels in and out together, 4 above, measured best of 4, 8, 16 on ResNet20's shapes (8 is
 * 15-20% faster than 4 at 16+16 and 32+32 channels, 4 is 6% faster at 64+64, 16 is slower at both).
 */
function filterGradientBlock(tile: WinogradTile, g: ConvGeometry): number {
  if (tile === 2) return 16;
  return g.inChannels + g.outChannels <= 64 ? 8 : 4;
}
