/**
 * Content-addressed weights: each tensor's raw float32 bytes stored once under their sha256, with
 * no re-encoding; a manifest lists names, shapes and hashes. Identical tensors (in one checkpoint
 * or across checkpoints) share one blob.
 */
import { createHash } from 'node:crypto';
import type { Database } from 'lmdb';
import { StoreError } from '../errors/errors.js';
import type { NamedTensor, WeightManifest } from './schema.js';

/** Writes the blobs not yet stored; call inside a write transaction. */
export function putWeightBlobs(db: Database<Buffer, string>, tensors: readonly NamedTensor[]): WeightManifest {
  return tensors.map(({ name, shape, data }) => {
    const size = shape.reduce((n, d) => n * d, 1);
    if (data.length !== size) throw new RangeError(`tensor "${name}" has ${data.length} values; its shape [${shape.join(', ')}] needs ${size}`);
    const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    const sha256 = sha256Of(bytes);
    if (!db.doesExist(sha256)) db.putSync(sha256, bytes);
    return { name, shape: [...shape], sha256 };
  });
}

/** The hex sha256 of a blob's bytes: its key in the store. */
export function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * The tensors of a manifest. Each blob is checked against its sha256 as it is read (a flipped
 * byte would otherwise become a silently wrong weight; the cost is measured by
 * benchmarks/store-read.ts). It is copied once out of the memory map and viewed as float32 in
 * place (no decoding); tensors that share a blob share its memory, so treat them as read-only.
 */
export function getWeightBlobs(db: Database<Buffer, string>, manifest: WeightManifest): NamedTensor[] {
  const read = new Map<string, Float32Array>();
  return manifest.map(({ name, shape, sha256 }) => {
    let data = read.get(sha256);
    if (!data) {
      const bytes = db.getBinary(sha256);
      if (!bytes) throw new StoreError(`weight blob ${sha256} of tensor "${name}" is missing from the store`);
      if (sha256Of(bytes) !== sha256) throw new StoreError(`weight blob ${sha256} of tensor "${name}" does not match its sha256 (its bytes changed)`);
      data = asFloat32(bytes);
      read.set(sha256, data);
    }
    const size = shape.reduce((n, d) => n * d, 1);
    if (data.length !== size) throw new StoreError(`weight blob of tensor "${name}" has ${data.length} values; its shape [${shape.join(', ')}] needs ${size}`);
    return { name, shape: [...shape], data };
  });
}

function asFloat32(bytes: Buffer): Float32Array {
  // A view needs 4-byte alignment; lmdb's buffers have it, but copy if one ever does not.
  if (bytes.byteOffset % 4 === 0) return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
  return new Float32Array(new Uint8Array(bytes).buffer);
}
