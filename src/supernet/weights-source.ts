/**
 * Where an evaluator's supernet weights come from: the run's own store (same host), or a cache
 * filled from the queue's Redis (a remote worker). The handler rebuilds a supernet from either
 * through {@link loadSupernetFrom}, one code path.
 */
import type { NamedTensor, SupernetRecord, WeightManifest } from '../store/schema.js';
import type { Store } from '../store/store.js';
import { supernetFromRecord, type StoredSupernet } from './stored.js';

export interface WeightsSource {
  /** The supernet checkpoint record of `version` (manifest and progress), if there is one. */
  supernetRecord(version: number): Promise<SupernetRecord | undefined>;
  /** The tensors a manifest names, each checked against its sha256 by whoever stored it. */
  weights(manifest: WeightManifest): Promise<NamedTensor[]>;
  close(): Promise<void>;
}

/** The run's store, opened read-only by the caller; closing the source closes the store. */
export function storeWeightsSource(store: Store): WeightsSource {
  return {
    supernetRecord: async (version) => store.getSupernet(version),
    weights: async (manifest) => store.getWeights(manifest),
    close: () => store.close(),
  };
}

/** The supernet of `version` rebuilt from a weights source; undefined when it has none. */
export async function loadSupernetFrom(source: WeightsSource, version: number): Promise<StoredSupernet | undefined> {
  const record = await source.supernetRecord(version);
  return record ? supernetFromRecord(record, await source.weights(record.weights)) : undefined;
}
