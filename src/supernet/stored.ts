/**
 * A trained supernet as the store keeps it: the settings that decided it and the progress saved in
 * every checkpoint, and one way back from a stored version to a live {@link Supernet}, used by the
 * supernet phase (to continue), the evaluator handler and export alike.
 */
import { getSpace } from '../space/index.js';
import type { NamedTensor, SupernetRecord } from '../store/schema.js';
import type { Store } from '../store/store.js';
import { supernetProgress, type SupernetProgress } from './progress.js';
import { Supernet } from './supernet.js';

export { supernetProgress, type SupernetProgress, type SupernetSettings } from './progress.js';

export interface StoredSupernet {
  readonly record: SupernetRecord;
  readonly progress: SupernetProgress;
  /** The caller owns it and disposes it. */
  readonly supernet: Supernet;
}

/**
 * The supernet of `version` (default: the newest) rebuilt from the store's weights, with the
 * record and progress it came from; undefined when the store holds no supernet checkpoint there.
 */
export function loadSupernet(store: Store, version?: number): StoredSupernet | undefined {
  const record = store.getSupernet(version);
  return record ? supernetFromRecord(record, store.getWeights(record.weights)) : undefined;
}

/** A checkpoint record and its tensors as a live supernet; undefined when the record is not a supernet's. */
export function supernetFromRecord(record: SupernetRecord, tensors: readonly NamedTensor[]): StoredSupernet | undefined {
  const progress = supernetProgress(record);
  if (!progress) return undefined;
  const config = { classes: progress.classes, inputChannels: progress.inputChannels, shortcut: progress.settings.shortcut };
  const supernet = Supernet.fromWeights(getSpace(progress.settings.space), config, tensors);
  return { record, progress, supernet };
}
