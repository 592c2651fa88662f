/**
 * The supernet's training curve as a checkpoint keeps it: each epoch's steps summarised in a few
 * points (mean loss of the largest, the smallest and the random subnets of the sandwich, and the
 * mean learning rate), so a report can draw the curve without the store growing by a value per
 * step. Every supernet checkpoint is kept, so the whole curve is the concatenation of theirs.
 */
import type { StepReport } from './train-loop.js';

/** One point of the curve: the mean over a run of consecutive steps ending at `step`. */
export interface CurvePoint {
  /** The last step (0-based) the point summarises. */
  readonly step: number;
  readonly lr: number;
  /** Mean loss of the largest subnet (trained on the labels). */
  readonly largest: number;
  /** Mean loss of the smallest subnet, or null when the steps trained the largest only. */
  readonly smallest: number | null;
  /** Mean loss of the random subnets, or null when the sandwich had none. */
  readonly random: number | null;
}

const mean = (values: readonly number[]): number | null =>
  values.length === 0 ? null : values.reduce((sum, v) => sum + v, 0) / values.length;

/** Summarises `reports` (one epoch's steps, in order) in at most `points` points of equal runs of steps. */
export function curvePoints(reports: readonly StepReport[], points = 16): CurvePoint[] {
  const size = Math.max(1, Math.ceil(reports.length / points));
  const result: CurvePoint[] = [];
  for (let start = 0; start < reports.length; start += size) {
    const chunk = reports.slice(start, start + size);
    result.push({
      step: (chunk[chunk.length - 1] as StepReport).step,
      lr: mean(chunk.map((r) => r.lr)) as number,
      largest: mean(chunk.map((r) => r.losses[0] ?? Number.NaN)) as number,
      smallest: mean(chunk.flatMap((r) => (r.losses.length > 1 ? [r.losses[1] as number] : []))),
      random: mean(chunk.flatMap((r) => r.losses.slice(2))),
    });
  }
  return result;
}
