/**
 * Supernet weights for a worker without the run's disk: records and blobs fetched from the
 * queue's Redis, each blob checked against the sha256 it is stored under, and kept in a local
 * LMDB cache (bounded: the least recently fetched blobs go first when it is full), so a version
 * is fetched once per host however many threads and tasks use it.
 */
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { open, type Database, type RootDatabase } from 'lmdb';
import { Redis } from 'ioredis';
import type { NamedTensor, SupernetRecord, WeightManifest } from '../../src/store/schema.js';
import { getWeightBlobs } from '../../src/store/weights.js';
import type { WeightsSource } from '../../src/supernet/weights-source.js';
import { parseQueueUrl } from './connection.js';
import { blobKey, supernetKey } from './keys.js';

export interface RemoteWeightsOptions {
  readonly url: string;
  readonly queueName: string;
  readonly cacheDir: string;
  /** The cache's bound on blob bytes. */
  readonly cacheBytes: number;
}

export function remoteWeightsSource(options: RemoteWeightsOptions): WeightsSource {
  const { options: connection, redacted } = parseQueueUrl(options.url);
  const redis = new Redis({ ...connection });
  redis.on('error', () => undefined);
  mkdirSync(options.cacheDir, { recursive: true });
  const root: RootDatabase = open({ path: options.cacheDir, maxDbs: 2 });
  const blobs = root.openDB<Buffer, string>({ name: 'blobs', encoding: 'binary' });
  const fetchedAt = root.openDB<number, string>({ name: 'fetched-at' });

  const fetchBlob = async (sha256: string, name: string) => {
    const bytes = await redis.getBuffer(blobKey(sha256));
    if (!bytes) throw new Error(`weight blob ${sha256} of tensor "${name}" is not on ${redacted}; the run publishes it before its first job`);
    const actual = createHash('sha256').update(bytes).digest('hex');
    if (actual !== sha256) throw new Error(`weight blob of tensor "${name}" from ${redacted} has sha256 ${actual}, not ${sha256}; refusing it`);
    await makeRoom(blobs, fetchedAt, options.cacheBytes - bytes.length);
    await blobs.put(sha256, bytes);
    await fetchedAt.put(sha256, Date.now());
  };

  return {
    async supernetRecord(version) {
      const json = await redis.get(supernetKey(options.queueName, version));
      return json ? (JSON.parse(json) as SupernetRecord) : undefined;
    },
    async weights(manifest: WeightManifest): Promise<NamedTensor[]> {
      for (const { sha256, name } of manifest) if (!blobs.doesExist(sha256)) await fetchBlob(sha256, name);
      return getWeightBlobs(blobs as unknown as Database<Buffer, string>, manifest);
    },
    async close() {
      redis.disconnect();
      await root.close();
    },
  };
}

/** Deletes the oldest-fetched blobs until `free` more bytes fit under the bound. */
async function makeRoom(blobs: Database<Buffer, string>, fetchedAt: Database<number, string>, budget: number): Promise<void> {
  let used = 0;
  const ages: [string, number, number][] = [];
  for (const { key, value } of fetchedAt.getRange()) {
    const size = blobs.getBinary(key)?.length ?? 0;
    used += size;
    ages.push([key, value, size]);
  }
  ages.sort((a, b) => a[1] - b[1]);
  for (const [key, , size] of ages) {
    if (used <= budget) break;
    await blobs.remove(key);
    await fetchedAt.remove(key);
    used -= size;
  }
}

/** Publishes a supernet version for remote workers: its blobs (each once, by sha256) and its record. */
export async function publishSupernet(redis: Redis, queueName: string, record: SupernetRecord, tensors: readonly NamedTensor[]): Promise<number> {
  let sent = 0;
  for (const [index, entry] of record.weights.entries()) {
    const key = blobKey(entry.sha256);
    if ((await redis.exists(key)) === 1) continue;
    const data = (tensors[index] as NamedTensor).data;
    await redis.set(key, Buffer.from(data.buffer, data.byteOffset, data.byteLength));
    sent++;
  }
  await redis.set(supernetKey(queueName, record.version), JSON.stringify({ ...record, optimizer: [] }));
  return sent;
}
