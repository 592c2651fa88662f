/**
 * `evo-nas data fetch`: download a dataset's published files, check their MD5 against the
 * published value, and unpack them so the dataset appears all at once.
 *
 * Files on disk, under the download root R (src/data/sources.ts):
 *   R/.downloads/<file>.part     a download in progress; the next attempt resumes it
 *   R/.downloads/<file>          a complete file whose checksum matched
 *   R/.<name>.unpack-XXXXXX/     unpacking in progress (removed by the next fetch if a crash left it)
 *   R/<name>/                    the dataset, renamed into place only when complete
 * A crash or Ctrl-C at any point leaves either no R/<name> or a complete one.
 */
import { mkdtemp, readdir, rename, rm, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { DataError, ExternalError, InputError } from '../../errors/errors.js';
import type { DatasetSpec, DownloadFile } from '../catalogue.js';
import { exists } from '../files.js';
import { folderHolding, locateDataset } from '../load.js';
import { downloadRoot, type Sources } from '../sources.js';
import { fileMd5 } from './checksum.js';
import { BrokenTransferError, downloadAttempt, HttpStatusError, UnreachableError, type DownloadProgress } from './download.js';
import { manualInstructions } from './instructions.js';
import { untarGz, unzip } from './unpack.js';
import { makeDirectory } from '../../files/directories.js';

export interface FetchOptions {
  readonly sources?: Sources;
  /** A URL prefix that replaces every official location (`--mirror`, or `$EVO_NAS_DATA_MIRROR`). */
  readonly mirror?: string;
  /** Replace a dataset folder that is already there. */
  readonly force?: boolean;
  readonly onProgress?: (progress: DownloadProgress) => void;
  /** Times a broken transfer is resumed within this call before giving up (default 3). */
  readonly retries?: number;
  readonly retryDelayMs?: number;
  readonly idleTimeoutMs?: number;
}

export interface FetchResult {
  readonly dir: string;
  /** False when the dataset was already in place and nothing was done. */
  readonly fetched: boolean;
}

/**
 * Downloads, verifies and unpacks `spec` into `<download root>/<name>`, unless it is already in
 * one of the sources (then `fetched` is false; `force` fetches anyway).
 */
export async function fetchDataset(spec: DatasetSpec, options: FetchOptions = {}): Promise<FetchResult> {
  if (!spec.download) throw new InputError(`${spec.name} is ${spec.origin === 'bundled' ? 'bundled with evo-nas' : 'generated in memory'}; there is nothing to fetch`);
  const { root } = downloadRoot(options.sources);
  const target = join(root, spec.name);
  // Present in any source (the system folder included) is present: nothing to do without --force.
  const located = await locateDataset(spec, options.sources);
  if (located.found && !options.force) return { dir: located.found.dir, fetched: false };
  if (!(await folderHolding(spec, target)) && (await exists(target)) && !options.force) {
    throw new InputError(`${target} exists but does not hold ${spec.name} (none of ${spec.markers.join(', ')} found); remove it or pass --force`);
  }
  const downloads = join(root, '.downloads');
  await makeDirectory(downloads, 'data directory');
  const files: string[] = [];
  for (const file of spec.download.files) files.push(await obtain(spec, file, downloads, options));
  await removeStale(root, spec.name);
  const staging = await mkdtemp(join(root, `.${spec.name}.unpack-`));
  try {
    await unpackInto(spec, files, staging);
    if (!(await folderHolding(spec, staging))) {
      throw new DataError(`the files of ${spec.name} unpacked, but none of ${spec.markers.join(', ')} is among them; expected the official ${spec.download.files.map((f) => f.name).join(', ')}`);
    }
    await replaceFolder(staging, target);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
  for (const file of files) await rm(file, { force: true });
  return { dir: (await folderHolding(spec, target)) ?? target, fetched: true };
}

/** A verified local copy of `file`: already downloaded, or downloaded now (resuming a `.part`). */
async function obtain(spec: DatasetSpec, file: DownloadFile, downloads: string, options: FetchOptions): Promise<string> {
  const done = join(downloads, file.name);
  if (await exists(done)) {
    const md5 = await fileMd5(done);
    if (md5 === file.md5) return done;
    throw new ExternalError(`${done} does not match the published MD5 of ${file.name} (it is ${md5}, expected ${file.md5}); delete it and fetch again`);
  }
  const part = `${done}.part`;
  const urls = mirrorUrls(file, options) ?? file.urls;
  await downloadFromAny(spec, file, urls, part, done, options);
  const md5 = await fileMd5(part);
  if (md5 !== file.md5) {
    await unlink(part);
    throw new ExternalError(`the download of ${file.name} does not match its published MD5 (got ${md5}, expected ${file.md5}); the file was deleted — fetch again, and if it fails again the source has changed`);
  }
  await rename(part, done);
  return done;
}

/** Tries each URL; a broken transfer is resumed from the same URL a few times. */
async function downloadFromAny(spec: DatasetSpec, file: DownloadFile, urls: readonly string[], part: string, done: string, options: FetchOptions): Promise<void> {
  const failures: string[] = [];
  for (const url of urls) {
    for (let attempt = 0; ; attempt++) {
      try {
        return await downloadAttempt(url, part, file.name, options);
      } catch (error) {
        if (error instanceof BrokenTransferError && attempt < (options.retries ?? 3)) {
          await new Promise((resolve) => setTimeout(resolve, (options.retryDelayMs ?? 1000) * (attempt + 1)));
          continue;
        }
        if (error instanceof BrokenTransferError) {
          throw new ExternalError(`${error.message}; what arrived is kept in ${part} — run the same command again to resume`);
        }
        if (error instanceof UnreachableError || error instanceof HttpStatusError) {
          failures.push(error.message);
          break;
        }
        throw error;
      }
    }
  }
  throw new ExternalError(`could not download ${file.name} (${failures.join('; ')}).\n${manualInstructions(spec, done)}`);
}

function mirrorUrls(file: DownloadFile, options: FetchOptions): string[] | undefined {
  const mirror = options.mirror ?? (options.sources?.env ?? process.env).EVO_NAS_DATA_MIRROR;
  return mirror ? [`${mirror.replace(/\/+$/, '')}/${file.name}`] : undefined;
}

async function unpackInto(spec: DatasetSpec, files: readonly string[], staging: string): Promise<void> {
  for (const file of files) {
    if (spec.download?.unpack === 'tar.gz') await untarGz(file, staging);
    else if (spec.download?.unpack === 'zip') await unzip(file, staging);
    else await rename(file, join(staging, file.slice(file.lastIndexOf('/') + 1)));
  }
}

/** Renames `staging` to `target`; an existing target (with --force) is moved aside first, then removed. */
async function replaceFolder(staging: string, target: string): Promise<void> {
  if (await exists(target)) {
    const aside = `${staging}.old`;
    await rename(target, aside);
    await rename(staging, target);
    await rm(aside, { recursive: true, force: true });
  } else {
    await rename(staging, target);
  }
}

/** Removes unpack folders a crashed fetch of this dataset left behind. */
async function removeStale(root: string, name: string): Promise<void> {
  for (const entry of await readdir(root)) {
    if (entry.startsWith(`.${name}.unpack-`)) await rm(join(root, entry), { recursive: true, force: true });
  }
}
