/**
 * Run views kept between requests and read again only when the run's store file changed (its
 * size or modification time): the live UI polls cheaply, and opens a store only after a commit.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { readRunView, type RunView } from '../report/run-view.js';
import { STORE_FILE } from '../store/store.js';

/** What changes whenever a run commits anything. */
export function storeStamp(runDir: string): string {
  try {
    const { size, mtimeMs } = statSync(join(runDir, STORE_FILE));
    return `${size}-${mtimeMs}`;
  } catch {
    return 'missing';
  }
}

/** A view without the per-evaluation rows: what the run list and the comparison need. */
export type RunSummary = Omit<RunView, 'evaluations' | 'failures' | 'curve'> & {
  readonly evaluations: readonly never[];
  readonly failures: readonly never[];
  readonly curve: readonly never[];
  readonly evaluationCount: number;
  readonly stamp: string;
};

export function summaryOf(view: RunView, stamp: string): RunSummary {
  return { ...view, evaluations: [], failures: [], curve: [], evaluationCount: view.evaluations.length, stamp };
}

export class RunCache {
  private readonly views = new Map<string, { stamp: string; view: RunView | Error }>();

  /** The run's view, read again when its store changed; an Error when it cannot be read. */
  get(id: string, dir: string): { stamp: string; view: RunView | Error } {
    const stamp = storeStamp(dir);
    const kept = this.views.get(dir);
    if (kept && kept.stamp === stamp) return kept;
    let view: RunView | Error;
    try {
      view = readRunView(dir, id);
    } catch (error) {
      view = error instanceof Error ? error : new Error(String(error));
    }
    const entry = { stamp, view };
    this.views.set(dir, entry);
    return entry;
  }
}
