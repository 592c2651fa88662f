/**
 * A run's current result as the store holds it: the Pareto front of the last committed
 * generation, with the supernet version and evaluation spec its metrics were measured with.
 * `evo-nas show` prints it; an export reads it to know which architectures and which weights.
 */
import type { EvaluatedIndividual, RunRecord } from '../store/schema.js';
import type { Store } from '../store/store.js';
import type { RunConfig } from './config.js';

export interface RunFront {
  readonly config: RunConfig;
  readonly run: RunRecord;
  /** The last committed generation's index, or -1 before the first. */
  readonly generation: number;
  readonly front: readonly EvaluatedIndividual[];
  readonly hypervolume: number;
  readonly supernetVersion: number;
  readonly evalSpecHash: string;
}

/** The front of the run in `store`, or undefined when the store holds no run. */
export function readRunFront(store: Store): RunFront | undefined {
  const run = store.getRun();
  if (!run) return undefined;
  const last = store.lastGeneration();
  return {
    config: run.config as unknown as RunConfig,
    run,
    generation: last?.index ?? -1,
    front: last?.archive ?? [],
    hypervolume: last?.hypervolume ?? 0,
    supernetVersion: last?.supernetVersion ?? 0,
    evalSpecHash: last?.evalSpecHash ?? '',
  };
}
