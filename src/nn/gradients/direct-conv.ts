/**
 * Runs the C kernels' convolutions (src/nn/wasm/c): Winograd F(2x2, 3x3) where it applies, else
 * the direct one. The direct convolution wants every input tap in bounds (pixels near a padded
 * border would be slow: their taps differ, one pixel at a time), so a padded one first copies x
 * into a zero-bordered buffer — one pass over memory — after which every output pixel is an
 * interior one. Winograd reads the padding as zeros itself: only its border tiles (4x4 pixels
 * each) are copied, not the whole input.
 */
import type * as tf from '@tensorflow/tfjs';
import type { ConvGeometry, OutputLayout, Pointer, WasmKernels } from '../wasm/module.js';

/**
 * What a fused convolution does to its output as it writes it: add `bias` (a pointer to one value
 * per output channel; 0 for none), then apply a ReLU when `relu`.
 */
export interface Epilogue {
  readonly bias: Pointer;
  readonly relu: boolean;
}

/** A plain convolution's epilogue: none. */
export const NO_EPILOGUE: Epilogue = { bias: 0, relu: false };

/** y (at `layout`) = x (NHWC, shaped as `g` says) convolved with the filter at `filter`, directly. */
export function directConv(
  kernels: WasmKernels,
  x: tf.TensorInfo,
  filter: number,
  y: tf.TensorInfo,
  g: ConvGeometry,
  layout: OutputLayout,
  epilogue: Epilogue = NO_EPILOGUE,
): void {
  const [bias, relu] = [epilogue.bias, epilogue.relu ? 1 : 0];
  const bottom = Math.max(0, (g.outHeight - 1) * g.strideHeight + (g.filterHeight - 1) * g.dilationHeight + 1 - g.padTop - g.inHeight);
  const right = Math.max(0, (g.outWidth - 1) * g.strideWidth + (g.filterWidth - 1) * g.dilationWidth + 1 - g.padLeft - g.inWidth);
  const k = kernels.exports;
  if (g.padTop === 0 && g.padLeft === 0 && bottom === 0 && right === 0) {
    k.conv2d_forward(kernels.pointer(x), filter, kernels.pointer(y), kernels.geometryPointer(g), kernels.layoutPointer(layout), bias, relu);
    return;
  }
  const [height, width] = [g.inHeight + g.padTop + bottom, g.inWidth + g.padLeft + right];
  const padded = kernels.output([g.batch, height, width, g.inChannels]);
  k.pad_nhwc(kernels.pointer(x), kernels.pointer(padded), g.batch, g.inHeight, g.inWidth, g.inChannels, g.padTop, g.padLeft, height, width);
  const inner = { ...g, inHeight: height, inWidth: width, padTop: 0, padLeft: 0 };
  k.conv2d_forward(kernels.pointer(padded), filter, kernels.pointer(y), kernels.geometryPointer(inner), kernels.layoutPointer(layout), bias, relu);
  kernels.dispose(padded);
}

/** Whether winogradConv can compute this convolution: 3x3, stride 1, dilation 1, channels in fours. */
export function winogradApplies(g: ConvGeometry): boolean {
  return (
    g.filterHeight === 3 && g.filterWidth === 3 && g.strideHeight === 1 && g.strideWidth === 1 &&
    g.dilationHeight === 1 && g.dilationWidth === 1 && g.inChannels % 4 === 0 && g.outChannels % 4 === 0
  );
}

/** The two Winograd transforms winograd.c and winograd43.c implement: output tile edge, input tile edge. */
export type WinogradTile = 2 | 4;

/**
 * F(4x4, 3x3) where its multiply-adds (36 per 4x4 output tile) are fewer than F(2x2, 3x3)'s (16 per
 * 2x2 tile), counting the outputs each computes past the edge when the output size is not a
 * multiple of its tile: 32x32, 28x28, 16x16, 14x14, 8x8, 7x7 and 3x3 outputs go to F(4x4); 1x1, 2x2,
 * 5x5 and 6x6 stay.
 */
export function winogradTile(g: Pick<ConvGeometry, 'outHeight' | 'outWidth'>): WinogradTile {
  const tiles = (edge: number) => Math.ceil(g.outHeight / edge) * Math.ceil(g.outWidth / edge);
  return 36 * tiles(4) < 16 * tiles(2) ? 4 : 2;
}

/** Tiles per Winograd block, by output tile: the block's transforms stay in cache (measured best of 4, 8, 12, 16, 32, 64 for F(2x2); of 2, 4, 8, 16 for F(4x4), where 4 is 15% faster than 8 at 64 channels). */
const WINOGRAD_BLOCK: Record<WinogradTile, number> = { 2: 8, 4: 4 };

/**
 * The width when a convolution has as many channels in as out and winograd43.c compiles F(4x4)
 * for it with that width known (16, 32, 64: constant strides, unrolled products; 6% off a ResNet20
 * training step); undefined for the general functions.
 */
export function fixedWinogradWidth(g: Pick<ConvGeometry, 'inChannels' | 'outChannels'>): 16 | 32 | 64 | undefined {
  const width = g.inChannels;
  return g.outChannels === width && (width === 16 || width === 32 || width === 64) ? width : undefined;
}

/** directConv by Winograd (F(2x2, 3x3) or F(4x4, 3x3), as winogradTile chooses), for the geometries winogradApplies accepts. */
export function winogradConv(
  kernels: WasmKernels,
  x: tf.TensorInfo,
  filter: number,
  y: tf.TensorInfo,
  g: ConvGeometry,
  layout: OutputLayout,
  epilogue: Epilogue = NO_EPILOGUE,
): void {
  const k = kernels.exports;
  const tile = winogradTile(g);
  const points = (tile + 2) ** 2; // the input tile's pixels: 16 or 36
  const transformed = kernels.output([points, g.inChannels, g.outChannels]);
  (tile === 4 ? k.winograd43_filter : k.winograd_filter)(filter, kernels.pointer(transformed), g.inChannels, g.outChannels);
  const block = WINOGRAD_BLOCK[tile];
  // Scratch is taken last: nothing else may claim it before the convolution runs. The kernel reads
  // the padding as zeros itself (border tiles are copied into the last points * inChannels floats).
  const scratch = kernels.scratchPointer(points * (block * (g.inChannels + g.outChannels) + g.inChannels) * 4);
  const width = tile === 4 ? fixedWinogradWidth(g) : undefined;
  if (width) {
    k[`winograd43_conv_${width}`](kernels.pointer(x), kernels.pointer(transformed), kernels.pointer(y), kernels.geometryPointer(g), kernels.layoutPointer(layout), scratch, epilogue.bias, epilogue.relu ? 1 : 0);
  } else {
    (tile === 4 ? k.winograd43_conv : k.winograd_conv)(
      kernels.pointer(x), kernels.pointer(transformed), kernels.pointer(y), kernels.geometryPointer(g), kernels.layoutPointer(layout),
      scratch, block, epilogue.bias, epilogue.relu ? 1 : 0,
    );
  }
  kernels.dispose(transformed);
}

/** The fastest of the two for `g`. */
export function convolve(
  kernels: WasmKernels,
  x: tf.TensorInfo,
  filter: number,
  y: tf.TensorInfo,
  g: ConvGeometry,
  layout: OutputLayout,
  epilogue: Epilogue = NO_EPILOGUE,
): void {
  (winogradApplies(g) ? winogradConv : directConv)(kernels, x, filter, y, g, layout, epilogue);
}
