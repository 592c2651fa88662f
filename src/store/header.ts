/**
 * A damaged `store.mdb` must give a message, not a signal. LMDB trusts its file: a zero-byte file
 * opened read-only, a random first page, or a file shorter than its own meta page says all end
 * the process with SIGSEGV or SIGBUS inside the native library, where no JavaScript can catch it.
 * So the two meta pages are checked here before lmdb opens the file.
 *
 * Layout (LMDB as built by lmdb-js 3, measured on files it writes): pages 0 and 1 are meta pages;
 * in each, at byte 24 the magic 0xBEEFC0DE and the data version, at 48 the free database's
 * record (its first 4 bytes hold the page size), at 96 the main database's record, each record's
 * root page at its byte 40, then the last page number (byte 144) and the transaction id (152).
 * LMDB uses the meta page with the larger transaction id; every page it can reach lies within
 * `lastPage`, so a file that holds all of them (and sane roots) cannot make it read past its end.
 * Damage further inside shows up as read errors, which the Store turns into messages too.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';

const MAGIC = 0xbeefc0de;
const DATA_VERSION = 2;
const META_BYTES = 160;
const INVALID_PAGE = 0xffffffffffffffffn;

interface MetaPage {
  readonly pageSize: number;
  readonly lastPage: bigint;
  readonly txnId: bigint;
  readonly roots: readonly bigint[];
}

/** What is wrong with the LMDB file at `path`, or undefined when its header is whole. */
export function storeFileProblem(path: string): string | undefined {
  const size = statSync(path).size;
  if (size === 0) return 'it is empty (0 bytes)';
  const first = readAt(path, 0, META_BYTES);
  if (first.length < META_BYTES) return `it is ${size} bytes long, shorter than an LMDB header`;
  const meta0 = parseMeta(first);
  if (typeof meta0 === 'string') return `meta page 0: ${meta0}`;
  const meta1 = parseMeta(readAt(path, meta0.pageSize, META_BYTES));
  if (typeof meta1 === 'string') return `meta page 1: ${meta1}`;
  const meta = meta0.txnId >= meta1.txnId ? meta0 : meta1;
  const needed = (meta.lastPage + 1n) * BigInt(meta.pageSize);
  if (BigInt(size) < needed) return `it is ${size} bytes long but its header says ${needed} (it was truncated)`;
  if (meta.roots.some((root) => root !== INVALID_PAGE && root > meta.lastPage)) return 'its header points past the end of the file';
  return undefined;
}

function parseMeta(bytes: Buffer): MetaPage | string {
  if (bytes.length < META_BYTES) return 'missing (the file is shorter than two pages)';
  if (bytes.readUInt32LE(24) !== MAGIC) return 'not an LMDB file (no magic number)';
  const version = bytes.readUInt32LE(28);
  if (version !== DATA_VERSION) return `LMDB data version ${version}, expected ${DATA_VERSION}`;
  const pageSize = bytes.readUInt32LE(48);
  if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0) return `page size ${pageSize} is not a power of two from 512 to 65536`;
  const lastPage = bytes.readBigUInt64LE(144);
  if (lastPage < 1n) return `last page ${lastPage} is before the second meta page`;
  return { pageSize, lastPage, txnId: bytes.readBigUInt64LE(152), roots: [bytes.readBigUInt64LE(88), bytes.readBigUInt64LE(136)] };
}

function readAt(path: string, position: number, length: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const read = readSync(fd, buffer, 0, length, position);
    return buffer.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}
