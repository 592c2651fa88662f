/**
 * The input gradient of a strided convolution, split by stride phase. Along one axis with stride
 * s, the input rows i = s*q + r of one phase r receive gradient from the filter taps
 * k = k0 + s*m only (k0 = (r + pad) mod s), each from output row q + c - m
 * (c = floor((r + pad) / s)). So one phase of the input gradient is a stride-1 correlation of dy
 * with those taps, flipped, padded by `before`/`after` — a forward convolution, which the
 * backend runs fast — and no arithmetic is spent on the zeros that dilating dy would insert.
 * Stride 1 has a single phase: the familiar full correlation with the flipped filter.
 */

/** One phase of one axis. */
export interface AxisPhase {
  /** The phase: input rows r, r + s, r + 2s, ... */
  readonly r: number;
  /** The first filter tap of the phase; taps k0, k0 + s, ... */
  readonly k0: number;
  /** How many taps the phase uses (0: its input rows get no gradient). */
  readonly taps: number;
  /** How many input rows the phase holds. */
  readonly rows: number;
  /** Padding of dy before and after, for a stride-1 correlation that yields `rows` rows. */
  readonly before: number;
  readonly after: number;
}

/**
 * The phases of an axis of input size `size`, filter size `filter`, stride `stride`, padding
 * `pad` before the first row, and output size `out` (dilation 1).
 */
export function axisPhases(size: number, filter: number, stride: number, pad: number, out: number): AxisPhase[] {
  const phases: AxisPhase[] = [];
  for (let r = 0; r < Math.min(stride, size); r++) {
    const k0 = (((r + pad) % stride) + stride) % stride;
    const c = Math.floor((r + pad) / stride);
    const taps = k0 < filter ? Math.ceil((filter - k0) / stride) : 0;
    const rows = Math.ceil((size - r) / stride);
    const before = taps - 1 - c;
    const after = rows + taps - 1 - out - before;
    phases.push({ r, k0, taps, rows, before, after });
  }
  return phases;
}

/** Whether a forward convolution can compute every phase: no phase needs negative padding. */
export function phasesAreConvolutions(phases: readonly AxisPhase[]): boolean {
  return phases.every((p) => p.taps === 0 || (p.before >= 0 && p.after >= 0));
}
