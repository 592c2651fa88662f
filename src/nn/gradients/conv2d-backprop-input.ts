/**
 * Conv2DBackpropInput for the wasm backend, replacing its slow stock kernel. For dilation 1 each
 * stride phase of dx is a forward convolution of dy with that phase's flipped taps
 * (stride-phases.ts): conv.c's direct convolution computes it and writes the phase's pixels
 * of dx in place, so dy is padded once and no zero that dilating dy would insert is ever
 * multiplied. Stride 1 is the single-phase case, a plain convolution (Winograd for 3x3). Geometries that no forward convolution can
 * express (negative padding, dilation) use conv.c's direct scatter, which handles any stride,
 * dilation and padding.
 */
import type * as tf from '@tensorflow/tfjs';
import { denseLayout, WasmKernels, type ConvGeometry, type WasmBackendInternals } from '../wasm/module.js';
import { convolve } from './direct-conv.js';
import { checkOutputShape, convGeometry, type ConvAttributes } from './geometry.js';
import { axisPhases, phasesAreConvolutions, type AxisPhase } from './stride-phases.js';

export const conv2dBackpropInputWasm: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const { dy, filter } = inputs as { dy: tf.TensorInfo; filter: tf.TensorInfo };
  const { inputShape, ...conv } = attrs as unknown as ConvAttributes & { inputShape: number[] };
  const kernels = WasmKernels.for(backend as unknown as WasmBackendInternals);
  const g = convGeometry('Conv2DBackpropInput', inputShape, filter.shape, conv, false);
  checkOutputShape('Conv2DBackpropInput', g, dy.shape);
  const rows = axisPhases(g.inHeight, g.filterHeight, g.strideHeight, g.padTop, g.outHeight);
  const columns = axisPhases(g.inWidth, g.filterWidth, g.strideWidth, g.padLeft, g.outWidth);
  const dilated = g.dilationHeight !== 1 || g.dilationWidth !== 1;
  if (dilated || !phasesAreConvolutions(rows) || !phasesAreConvolutions(columns)) return direct(kernels, g, dy, filter);
  if (rows.length === 1 && columns.length === 1) return singlePhase(kernels, g, dy, filter, rows[0] as AxisPhase, columns[0] as AxisPhase);
  return byPhases(kernels, g, dy, filter, rows, columns);
};

/** The geometry of one phase's convolution over dy (stride 1, the phase's taps, no padding). */
function phaseGeometry(g: ConvGeometry, row: AxisPhase, column: AxisPhase, height: number, width: number): ConvGeometry {
  return {
    batch: g.batch, inHeight: height, inWidth: width, inChannels: g.outChannels,
    outHeight: row.rows, outWidth: column.rows, outChannels: g.inChannels,
    filterHeight: row.taps, filterWidth: column.taps,
    strideHeight: 1, strideWidth: 1, dilationHeight: 1, dilationWidth: 1, padTop: 0, padLeft: 0,
  };
}

/** The phase's filter: its taps, flipped, input and output channels swapped. */
function phaseFilter(kernels: WasmKernels, g: ConvGeometry, filter: tf.TensorInfo, row: AxisPhase, column: AxisPhase): tf.TensorInfo {
  const out = kernels.output([row.taps, column.taps, g.outChannels, g.inChannels]);
  kernels.exports.phase_filter(kernels.pointer(filter), kernels.pointer(out), kernels.geometryPointer(g), row.k0, column.k0, row.taps, column.taps);
  return out;
}

/** Stride 1 (or an input smaller than the stride): dx is one convolution of dy, Winograd when it applies. */
function singlePhase(kernels: WasmKernels, g: ConvGeometry, dy: tf.TensorInfo, filter: tf.TensorInfo, row: AxisPhase, column: AxisPhase): tf.TensorInfo {
  const dx = kernels.output([g.batch, g.inHeight, g.inWidth, g.inChannels], row.taps === 0 || column.taps === 0);
  if (row.taps === 0 || column.taps === 0) return dx;
  const flipped = phaseFilter(kernels, g, filter, row, column);
  const geometry = { ...phaseGeometry(g, row, column, g.outHeight, g.outWidth), padTop: row.before, padLeft: column.before };
  convolve(kernels, dy, kernels.pointer(flipped), dx, geometry, denseLayout(g.inHeight, g.inWidth, g.inChannels));
  kernels.dispose(flipped);
  return dx;
}

/** The largest padding any phase with taps needs before and after dy, along one axis. */
function margins(phases: readonly AxisPhase[]): [number, number] {
  const used = phases.filter((p) => p.taps > 0);
  return [Math.max(0, ...used.map((p) => p.before)), Math.max(0, ...used.map((p) => p.after))];
}

function byPhases(
  kernels: WasmKernels,
  g: ConvGeometry,
  dy: tf.TensorInfo,
  filter: tf.TensorInfo,
  rows: readonly AxisPhase[],
  columns: readonly AxisPhase[],
): tf.TensorInfo {
  const k = kernels.exports;
  // Phases without taps get no gradient: start from zeros when there are any.
  const someEmpty = [...rows, ...columns].some((p) => p.taps === 0);
  const dx = kernels.output([g.batch, g.inHeight, g.inWidth, g.inChannels], someEmpty);
  const [[top, bottom], [left, right]] = [margins(rows), margins(columns)];
  const [height, width] = [g.outHeight + top + bottom, g.outWidth + left + right];
  const padded = kernels.output([g.batch, height, width, g.outChannels]);
  k.pad_nhwc(kernels.pointer(dy), kernels.pointer(padded), g.batch, g.outHeight, g.outWidth, g.outChannels, top, left, height, width);
  const pixel = g.inChannels;
  for (const row of rows) {
    for (const column of columns) {
      if (row.taps === 0 || column.taps === 0) continue;
      const flipped = phaseFilter(kernels, g, filter, row, column);
      // This phase's window of the padded dy starts where its own padding would.
      const window = kernels.pointer(padded) + 4 * ((top - row.before) * width + (left - column.before)) * g.outChannels;
      const phase = phaseGeometry(g, row, column, height, width);
      const layout = {
        offset: (row.r * g.inWidth + column.r) * pixel,
        image: g.inHeight * g.inWidth * pixel,
        row: g.strideHeight * g.inWidth * pixel,
        pixel: g.strideWidth * pixel,
      };
      k.conv2d_forward(window, kernels.pointer(flipped), kernels.pointer(dx), kernels.geometryPointer(phase), kernels.layoutPointer(layout), 0, 0);
      kernels.dispose(flipped);
    }
  }
  kernels.dispose(padded);
  return dx;
}

function direct(kernels: WasmKernels, g: ConvGeometry, dy: tf.TensorInfo, filter: tf.TensorInfo): tf.TensorInfo {
  const transposed = kernels.output([g.filterHeight, g.filterWidth, g.outChannels, g.inChannels]);
  kernels.exports.transpose_filter(kernels.pointer(filter), kernels.pointer(transposed), g.filterHeight * g.filterWidth, g.inChannels, g.outChannels);
  const dx = kernels.output([g.batch, g.inHeight, g.inWidth, g.inChannels]);
  kernels.exports.conv2d_backprop_input_direct(kernels.pointer(dy), kernels.pointer(transposed), kernels.pointer(dx), kernels.geometryPointer(g));
  kernels.dispose(transposed);
  return dx;
}
