/**
 * The supernet's training curve from a store: every supernet checkpoint (one per epoch) keeps its
 * epoch's points (see src/supernet/training-curve.ts). Stores written before the curve was recorded
 * give an empty curve, and so do runs searched with a table.
 */
import type { CurvePoint } from '../supernet/training-curve.js';
import type { Store } from '../store/store.js';

export interface CurveRow extends CurvePoint {
  /** The epoch (1-based) the point belongs to. */
  readonly epoch: number;
}

/** The points of every supernet checkpoint in `store`, in step order. */
export function supernetCurve(store: Store): CurveRow[] {
  const rows: CurveRow[] = [];
  for (let version = 1; version <= store.latestSupernetVersion(); version++) {
    const training = store.getSupernet(version)?.training as { phase?: unknown; epoch?: unknown; curve?: unknown } | undefined;
    if (training?.phase !== 'supernet' || !Array.isArray(training.curve) || typeof training.epoch !== 'number') continue;
    for (const point of training.curve as CurvePoint[]) rows.push({ epoch: training.epoch, ...point });
  }
  return rows.sort((a, b) => a.step - b.step);
}
