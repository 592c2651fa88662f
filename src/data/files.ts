/**
 * Reading dataset files: finding the first of several accepted names, and decompressing
 * `.gz` (gzip) and `.br` (brotli) transparently. Every failure is a DataError that names the file.
 */
import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliDecompress, gunzip } from 'node:zlib';
import { DataError } from '../errors/errors.js';

const gunzipAsync = promisify(gunzip);
const brotliAsync = promisify(brotliDecompress);

/** True when `path` exists (file or folder). */
export async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/**
 * The first of `names` that exists in `dir`. When none does, a DataError lists the names tried
 * and says what the file should hold (`what`).
 */
export async function findFile(dir: string, names: readonly string[], what: string): Promise<string> {
  for (const name of names) {
    const path = join(dir, name);
    if (await exists(path)) return path;
  }
  throw new DataError(`missing ${what}: none of ${names.map((n) => join(dir, n)).join(', ')} exists`);
}

/** A whole file's bytes, decompressed when its name ends in `.gz` or `.br`. */
export async function readDataFile(path: string): Promise<Uint8Array> {
  let raw: Buffer;
  try {
    raw = await readFile(path);
  } catch (error) {
    throw new DataError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  if (path.endsWith('.gz')) return decompress(path, raw, gunzipAsync, 'gzip');
  if (path.endsWith('.br')) return decompress(path, raw, brotliAsync, 'brotli');
  return raw;
}

async function decompress(
  path: string,
  raw: Buffer,
  inflate: (data: Buffer) => Promise<Buffer>,
  format: string,
): Promise<Uint8Array> {
  try {
    return await inflate(raw);
  } catch (error) {
    // zlib says "unexpected end of file" for a truncated stream: say which file.
    throw new DataError(`${path} is not a complete ${format} stream (${(error as Error).message}); expected a ${format}-compressed file`);
  }
}

/** The lines of a text file, trimmed, without empty ones (label-name files end in blank lines). */
export async function readLines(path: string): Promise<string[]> {
  const text = new TextDecoder().decode(await readDataFile(path));
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}
