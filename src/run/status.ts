/**
 * A run's status as a reader should see it: the stored status, corrected by the run directory's
 * lock. A run recorded as running whose process is gone was interrupted (a crash or a kill) and
 * can be resumed.
 */
import { readRunLock } from '../store/lock.js';
import type { RunRecord } from '../store/schema.js';

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
