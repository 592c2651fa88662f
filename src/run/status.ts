/**
 * A run's status as a reader should see it: the stored status, corrected by the run directory's
 * lock. A run recorded as running whose process is gone was interrupted (a crash or a kill) and
 * can be resumed.
 */
import { readRunLock } from '../store/lock.js';
import type { RunRecord } from '../store/schema.js';
import type { Store } from '../store/store.js';
import { supernetProgress } from '../supernet/progress.js';

export interface RunStatusView {
  readonly status: 'running' | 'finished' | 'failed' | 'interrupted';
  readonly pid?: number;
  readonly reason?: string;
}

export function runStatus(runDir: string, run: RunRecord): RunStatusView {
  if (run.status === 'running') {
    const lock = readRunLock(runDir);
    return lock?.alive ? { status: 'running', pid: lock.pid } : { status: 'interrupted', reason: `resume with: evo-nas run --resume ${runDir}` };
  }
  return { status: run.status, ...(run.reason ? { reason: run.reason } : {}) };
}

/** How far a run's supernet has trained, as its newest checkpoint records it. */
export interface SupernetPhaseView {
  /** Epochs trained and committed. */
  readonly epoch: number;
  readonly epochs: number;
  readonly version: number;
}

/** The store's supernet progress, or undefined when it holds no supernet checkpoint. */
export function supernetPhase(store: Store): SupernetPhaseView | undefined {
  const record = store.getSupernet();
  const progress = supernetProgress(record);
  return record && progress ? { epoch: progress.epoch, epochs: progress.settings.epochs, version: record.version } : undefined;
}

/**
 * One line on the supernet, for `show`: how many epochs are trained, and, before the first
 * generation, that the search waits for the rest. A run that trains its supernet but has not
 * committed an epoch yet says so (the supernet phase is the longest part of a run).
 */
export function supernetLine(phase: SupernetPhaseView | undefined, run: { readonly evaluator: string | null; readonly supernetEpochs: number }, generations: number): string | undefined {
  if (phase) {
    const waiting = generations === 0 && phase.epoch < phase.epochs ? `; the search starts after epoch ${phase.epochs}` : '';
    return `supernet: ${phase.epoch} of ${phase.epochs} epochs trained (checkpoint v${phase.version})${waiting}`;
  }
  const trains = (run.evaluator ?? 'supernet') === 'supernet';
  return trains && generations === 0 ? `supernet: no epoch trained yet (the run asks for ${run.supernetEpochs})` : undefined;
}
