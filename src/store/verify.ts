/**
 * `evo-nas store verify`: reads every record of every database, re-hashes every weight blob and
 * checks that every checkpoint's manifest names blobs that are present and of the right size.
 * Each record is read on its own, so one damaged record is reported and the rest still checked.
 */
import type { Database } from 'lmdb';
import type { CheckpointRecord, WeightManifest } from './schema.js';
import { sha256Of } from './weights.js';

/** The store's databases by name, as `Store` opened them. */
export interface StoreDatabases {
  readonly weights: Database<Buffer, string>;
  readonly records: ReadonlyMap<string, Database<unknown, string | number>>;
}

/** Everything wrong with the store, one line each; empty when it is whole. */
export function verifyDatabases({ weights, records }: StoreDatabases): string[] {
  const problems: string[] = [];
  const blobSizes = new Map<string, number>();
  for (const key of keysOf('weights', weights, problems)) {
    const bytes = attempt(`weights: blob ${key}`, problems, () => weights.getBinary(key));
    if (!bytes) continue;
    if (sha256Of(bytes) !== key) problems.push(`weights: blob ${key} does not match its sha256 (its bytes changed)`);
    else blobSizes.set(key, bytes.byteLength);
  }
  for (const [name, db] of records) {
    for (const key of keysOf(name, db, problems)) {
      const value = attempt(`${name}: record ${String(key)}`, problems, () => db.get(key));
      if (value === undefined) continue;
      if (name === 'supernet' || name === 'checkpoints') problems.push(...manifestProblems(`${name}: version ${String(key)}`, value as CheckpointRecord, blobSizes));
    }
  }
  return problems;
}

function manifestProblems(where: string, record: CheckpointRecord, blobSizes: ReadonlyMap<string, number>): string[] {
  if (!Array.isArray(record.weights) || !Array.isArray(record.optimizer)) return [`${where}: not a checkpoint record (no weight manifest)`];
  return [...record.weights, ...record.optimizer].flatMap((entry: WeightManifest[number]) => {
    const size = blobSizes.get(entry.sha256);
    if (size === undefined) return [`${where}: tensor "${entry.name}" needs blob ${entry.sha256}, which is missing or damaged`];
    const needed = 4 * entry.shape.reduce((n, d) => n * d, 1);
    return size === needed ? [] : [`${where}: tensor "${entry.name}" of shape [${entry.shape.join(', ')}] needs ${needed} bytes; its blob has ${size}`];
  });
}

function keysOf<K extends string | number>(name: string, db: Database<unknown, K>, problems: string[]): K[] {
  return attempt(`${name}: listing its records`, problems, () => [...db.getKeys()]) ?? [];
}

function attempt<T>(where: string, problems: string[], reading: () => T): T | undefined {
  try {
    const value = reading();
    if (value === undefined) problems.push(`${where}: listed but unreadable`);
    return value;
  } catch (error) {
    problems.push(`${where}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    return undefined;
  }
}
