/**
 * The record format of the CIFAR binary versions (Krizhevsky 2009,
 * https://www.cs.toronto.edu/~kriz/cifar.html): each record is its label byte(s), then the
 * 32x32 image as three channel planes — 1024 red bytes, 1024 green, 1024 blue, rows top to
 * bottom. evo-nas keeps images NHWC, so the planes are interleaved while reading.
 */
import { DataError } from '../errors/errors.js';
import { readDataFile } from './files.js';
import { checkLabels } from './labels.js';

export const CIFAR_SIDE = 32;
export const CIFAR_CHANNELS = 3;
const PLANE = CIFAR_SIDE * CIFAR_SIDE;
const IMAGE = PLANE * CIFAR_CHANNELS;

/** The images (NHWC) and each label byte column of a run of CIFAR records. */
export interface CifarRecords {
  readonly count: number;
  readonly images: Uint8Array;
  /** One array per label byte: `[label]` for CIFAR-10, `[coarse, fine]` for CIFAR-100. */
  readonly labels: readonly Uint16Array[];
}

/**
 * Decodes whole records from `bytes`; `classes[k]` is how many classes label byte k has. A file
 * whose length is not a whole number of records is truncated or of another kind, and a label out
 * of range means the same: a DataError names the file and what was expected.
 */
export function decodeCifarRecords(bytes: Uint8Array, classes: readonly number[], file: string): CifarRecords {
  const labelBytes = classes.length;
  const recordSize = labelBytes + IMAGE;
  if (bytes.length === 0 || bytes.length % recordSize !== 0) {
    throw new DataError(
      `${file} has ${bytes.length} bytes, not a whole number of ${recordSize}-byte records ` +
        `(${labelBytes} label byte${labelBytes > 1 ? 's' : ''} + 32x32x3 image); the file is truncated or not a CIFAR binary file`,
    );
  }
  const count = bytes.length / recordSize;
  const images = new Uint8Array(count * IMAGE);
  const labels = Array.from({ length: labelBytes }, () => new Uint16Array(count));
  for (let r = 0; r < count; r++) {
    const record = r * recordSize;
    for (let k = 0; k < labelBytes; k++) labels[k]![r] = bytes[record + k] as number;
    planarToInterleaved(bytes, record + labelBytes, images, r * IMAGE);
  }
  labels.forEach((column, k) => checkLabels(column, classes[k] as number, file));
  return { count, images, labels };
}

/** Reads and decodes several record files as one run, in order. */
export async function readCifarFiles(files: readonly string[], classes: readonly number[]): Promise<CifarRecords> {
  const labelBytes = classes.length;
  const parts: CifarRecords[] = [];
  for (const file of files) parts.push(decodeCifarRecords(await readDataFile(file), classes, file));
  const count = parts.reduce((n, p) => n + p.count, 0);
  const images = new Uint8Array(count * IMAGE);
  const labels = Array.from({ length: labelBytes }, () => new Uint16Array(count));
  let at = 0;
  for (const part of parts) {
    images.set(part.images, at * IMAGE);
    part.labels.forEach((column, k) => labels[k]!.set(column, at));
    at += part.count;
  }
  return { count, images, labels };
}

function planarToInterleaved(src: Uint8Array, from: number, dst: Uint8Array, to: number): void {
  for (let p = 0; p < PLANE; p++) {
    const out = to + p * CIFAR_CHANNELS;
    dst[out] = src[from + p] as number;
    dst[out + 1] = src[from + PLANE + p] as number;
    dst[out + 2] = src[from + 2 * PLANE + p] as number;
  }
}
