/**
 * Unpacking downloaded archives into a folder: `.tar.gz` with `tar`, `.zip` streamed through
 * `fflate` (one file in memory at a time — Tiny-ImageNet's zip is 248 MB). Entries that would land
 * outside the folder (absolute paths, "..") are refused.
 */
import { createReadStream, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { Unzip, UnzipInflate } from 'fflate';
import * as tar from 'tar';
import { DataError } from '../../errors/errors.js';

/**
 * Unpacks a gzipped tar archive into `dest` (which must exist). Synchronously: tar's async
 * extraction rejects on a corrupt stream while its writes still run, which races the cleanup of
 * `dest`; the sync form has stopped writing when it throws. (A few seconds for CIFAR's 170 MB.)
 */
export async function untarGz(archive: string, dest: string): Promise<void> {
  try {
    tar.x({ file: archive, cwd: dest, strict: true, sync: true });
  } catch (error) {
    throw new DataError(`${archive} could not be unpacked (${(error as Error).message}); expected a complete .tar.gz archive`);
  }
}

/** Unpacks a zip archive into `dest` (which must exist), streaming. */
export async function unzip(archive: string, dest: string): Promise<void> {
  let failure: Error | undefined;
  const unzipper = new Unzip((file) => {
    const target = insideFolder(dest, file.name, archive);
    if (file.name.endsWith('/')) {
      mkdirSync(target, { recursive: true });
      return;
    }
    const chunks: Uint8Array[] = [];
    file.ondata = (error, data, final) => {
      if (error) {
        failure ??= new DataError(`${archive}: entry ${file.name} is corrupt (${error.message})`);
        return;
      }
      chunks.push(data);
      if (final) {
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, Buffer.concat(chunks));
      }
    };
    file.start();
  });
  unzipper.register(UnzipInflate);
  try {
    for await (const chunk of createReadStream(archive)) {
      unzipper.push(chunk as Uint8Array);
      if (failure) break;
    }
    if (!failure) unzipper.push(new Uint8Array(0), true);
  } catch (error) {
    failure ??= error instanceof DataError ? error : new DataError(`${archive} could not be unpacked (${(error as Error).message}); expected a complete .zip archive`);
  }
  if (failure) throw failure;
}

function insideFolder(dest: string, name: string, archive: string): string {
  const target = resolve(dest, name);
  const rel = relative(resolve(dest), target);
  if (isAbsolute(name) || rel.startsWith('..') || isAbsolute(rel)) {
    throw new DataError(`${archive} holds an entry "${name}" that would land outside ${dest}; refusing to unpack it`);
  }
  return join(dest, rel);
}
