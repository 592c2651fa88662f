/**
 * Conv2DBackpropInput for the wasm backend, replacing its slow stock kernel. For dilation 1 each
 * stride phase of dx is a forward convolution of dy with that phase's flipped taps
 * (stride-phases.ts), run by the backend's own XNNPACK convolution; kernels.c builds the phase
 * filters and interleaves the phases into dx. Stride 1 is the single-phase case. Geometries that
 * no forward convolution can express (negative padding, dilation) use kernels.c's direct
 * scatter, which handles any stride, dilation and padding.
 */
import type * as tf from '@tensorflow/tfjs';
import { WasmKernels, type ConvGeometry, type WasmBackendInternals } from '../wasm/module.js';
import { checkOutputShape, convGeometry, type ConvAttributes } from './geometry.js';
import { axisPhases, phasesAreConvolutions, type AxisPhase } from './stride-phases.js';

/** Makes the kernel; `forwardConv` is the backend's own Conv2D kernel function. */
export function conv2dBackpropInputWasm(forwardConv: tf.KernelFunc): tf.KernelFunc {
  return ({ inputs, backend, attrs }) => {
    const { dy, filter } = inputs as { dy: tf.TensorInfo; filter: tf.TensorInfo };
    const { inputShape, ...conv } = attrs as unknown as ConvAttributes & { inputShape: number[] };
    const kernels = WasmKernels.for(backend as unknown as WasmBackendInternals);
    const g = convGeometry('Conv2DBackpropInput', inputShape, filter.shape, conv, false);
    checkOutputShape('Conv2DBackpropInput', g, dy.shape);
    const rows = axisPhases(g.inHeight, g.filterHeight, g.strideHeight, g.padTop, g.outHeight);
    const columns = axisPhases(g.inWidth, g.filterWidth, g.strideWidth, g.padLeft, g.outWidth);
    const dilated = g.dilationHeight !== 1 || g.dilationWidth !== 1;
    if (dilated || !phasesAreConvolutions(rows) || !phasesAreConvolutions(columns)) return direct(kernels, g, dy, filter);
    return byPhases(kernels, g, dy, filter, rows, columns, (x, phaseFilter, pad) =>
      forwardConv({
        inputs: { x, filter: phaseFilter },
        backend,
        attrs: { strides: 1, pad, dataFormat: 'NHWC', dilations: 1 },
      }) as tf.TensorInfo,
    );
  };
}

type Convolve = (x: tf.TensorInfo, filter: tf.TensorInfo, pad: tf.backend_util.ExplicitPadding) => tf.TensorInfo;

function byPhases(
  kernels: WasmKernels,
  g: ConvGeometry,
  dy: tf.TensorInfo,
  filter: tf.TensorInfo,
  rows: readonly AxisPhase[],
  columns: readonly AxisPhase[],
  convolve: Convolve,
): tf.TensorInfo {
  const inputShape = [g.batch, g.inHeight, g.inWidth, g.inChannels];
  const single = rows.length === 1 && columns.length === 1;
  // Phases without taps get no gradient: start from zeros when there are any.
  const someEmpty = [...rows, ...columns].some((p) => p.taps === 0);
  const dx = single ? undefined : kernels.output(inputShape, someEmpty);
  for (const row of rows) {
    for (const column of columns) {
      if (row.taps === 0 || column.taps === 0) continue;
      const phaseFilter = kernels.output([row.taps, column.taps, g.outChannels, g.inChannels]);
      const geometry = kernels.geometryPointer(g);
      kernels.exports.phase_filter(kernels.pointer(filter), kernels.pointer(phaseFilter), geometry, row.k0, column.k0, row.taps, column.taps);
      const phase = convolve(dy, phaseFilter, [[0, 0], [row.before, row.after], [column.before, column.after], [0, 0]]);
      kernels.dispose(phaseFilter);
      if (!dx) return phase; // stride 1: the one phase is dx itself
      kernels.exports.scatter_phase(
        kernels.pointer(phase), kernels.pointer(dx), kernels.geometryPointer(g), row.rows, column.rows, row.r, column.r,
      );
      kernels.dispose(phase);
    }
  }
  return dx ?? kernels.output(inputShape, true);
}

function direct(kernels: WasmKernels, g: ConvGeometry, dy: tf.TensorInfo, filter: tf.TensorInfo): tf.TensorInfo {
  const transposed = kernels.output([g.filterHeight, g.filterWidth, g.outChannels, g.inChannels]);
  kernels.exports.transpose_filter(kernels.pointer(filter), kernels.pointer(transposed), g.filterHeight * g.filterWidth, g.inChannels, g.outChannels);
  const dx = kernels.output([g.batch, g.inHeight, g.inWidth, g.inChannels]);
  kernels.exports.conv2d_backprop_input_direct(kernels.pointer(dy), kernels.pointer(transposed), kernels.pointer(dx), kernels.geometryPointer(g));
  kernels.dispose(transposed);
  return dx;
}
