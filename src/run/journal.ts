/**
 * Where the search loop keeps what it has done: the last committed generation (to resume from),
 * the evaluation cache, and the commit of each generation. The run's store is one journal; an
 * in-memory journal serves comparisons and tests that need no run directory.
 */
import type { Metrics } from '../search/metrics.js';
import type { GenerationRecord, RunRecord } from '../store/schema.js';
import type { Store } from '../store/store.js';

export interface Journal {
  last(): GenerationRecord | undefined;
  cached(key: string): Metrics | undefined;
  /** Commits a generation and its newly evaluated metrics together. */
  commit(generation: GenerationRecord, evaluations: ReadonlyMap<string, Metrics>): void;
}

/** A journal in memory: nothing survives the process. */
export function memoryJournal(): Journal & { readonly generations: GenerationRecord[] } {
  const generations: GenerationRecord[] = [];
  const cache = new Map<string, Metrics>();
  return {
    generations,
    last: () => generations.at(-1),
    cached: (key) => cache.get(key),
    commit: (generation, evaluations) => {
      for (const [key, metrics] of evaluations) cache.set(key, metrics);
      generations.push(generation);
    },
  };
}

/** The run's store as a journal: each commit also refreshes the run record, in the same transaction. */
export function storeJournal(store: Store, run: () => RunRecord): Journal {
  return {
    last: () => store.lastGeneration(),
    cached: (key) => store.getEvaluation(key),
    commit: (generation, evaluations) => store.commitGeneration(generation, evaluations, run()),
  };
}
