/**
 * The idx format of MNIST and Fashion-MNIST (LeCun et al., http://yann.lecun.com/exdb/mnist/):
 * a 4-byte magic number — two zero bytes, a type code (0x08 = unsigned bytes) and the number of
 * dimensions — then each dimension as a big-endian uint32, then the data, row-major.
 */
import { DataError } from '../errors/errors.js';

export interface IdxArray {
  readonly dims: readonly number[];
  /** The data after the header: exactly the product of `dims` bytes. */
  readonly data: Uint8Array;
}

const UNSIGNED_BYTE = 0x08;

/**
 * Parses an idx file of unsigned bytes with `rank` dimensions (3 for images, 1 for labels).
 * `file` is only used in messages. A bad magic number, a short header, or data of another size
 * than the header declares is a DataError — never a silently shorter array.
 */
export function parseIdx(bytes: Uint8Array, rank: number, file: string): IdxArray {
  const expectedMagic = hex((UNSIGNED_BYTE << 8) | rank);
  const kind = rank === 1 ? 'labels' : 'images';
  if (bytes.length < 4 + 4 * rank) {
    throw new DataError(`${file} has ${bytes.length} bytes, too short for an idx header; expected an idx${rank} ${kind} file (magic ${expectedMagic})`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = view.getUint32(0);
  if (magic !== ((UNSIGNED_BYTE << 8) | rank)) {
    throw new DataError(`${file} has magic number ${hex(magic)}; expected ${expectedMagic} (idx${rank} unsigned bytes, ${kind})`);
  }
  const dims = Array.from({ length: rank }, (_, i) => view.getUint32(4 + 4 * i));
  const header = 4 + 4 * rank;
  const size = dims.reduce((a, b) => a * b, 1);
  if (bytes.length - header !== size) {
    throw new DataError(
      `${file} holds ${bytes.length - header} bytes of data but its header declares ${dims.join('x')} = ${size}; ` +
        'the file is truncated or not the one expected',
    );
  }
  return { dims, data: bytes.subarray(header) };
}

/** Writes an idx file of unsigned bytes (used to build the bundled dataset and test fixtures). */
export function encodeIdx(dims: readonly number[], data: Uint8Array): Uint8Array {
  const header = new Uint8Array(4 + 4 * dims.length);
  const view = new DataView(header.buffer);
  view.setUint32(0, (UNSIGNED_BYTE << 8) | dims.length);
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d));
  const out = new Uint8Array(header.length + data.length);
  out.set(header);
  out.set(data, header.length);
  return out;
}

function hex(n: number): string {
  return `0x${n.toString(16).padStart(8, '0')}`;
}
