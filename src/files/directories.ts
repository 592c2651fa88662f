/**
 * Every directory evo-nas creates goes through `makeDirectory`: it refuses places that are not
 * storage before asking Node to create them. Node's recursive mkdir under /proc never returns
 * (procfs answers ENOENT for the parent it has just been asked to create, and Node retries, at
 * full CPU), so the nearest existing ancestor's file system is checked first, with statfs.
 */
import { existsSync, mkdirSync, statfsSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { InputError } from '../errors/errors.js';

/** File-system types (statfs magic numbers) that hold no files of ours: proc, sysfs, debugfs, securityfs, cgroup, cgroup2, configfs, tracefs. */
const NOT_STORAGE: ReadonlyMap<number, string> = new Map([
  [0x9fa0, 'proc'],
  [0x62656572, 'sysfs'],
  [0x64626720, 'debugfs'],
  [0x73636673, 'securityfs'],
  [0x27e0eb, 'cgroup'],
  [0x63677270, 'cgroup2'],
  [0x62656570, 'configfs'],
  [0x74726163, 'tracefs'],
]);

/** Throws an InputError when `path` lies on a file system that is not storage (see above). */
export function checkStoragePath(path: string, what: string): void {
  const kind = virtualFileSystem(resolve(path));
  if (kind !== undefined) {
    throw new InputError(`${what} ${path} is on the ${kind} file system, which holds no files; choose a directory on a disk`);
  }
}

/** Creates `path` and its parents (like mkdir -p) after checkStoragePath. */
export async function makeDirectory(path: string, what: string): Promise<void> {
  checkStoragePath(path, what);
  checkNotFile(path, what);
  try {
    await mkdir(path, { recursive: true });
  } catch (error) {
    throw realCause(path, error);
  }
}

/** The synchronous makeDirectory. */
export function makeDirectorySync(path: string, what: string): void {
  checkStoragePath(path, what);
  checkNotFile(path, what);
  try {
    mkdirSync(path, { recursive: true });
  } catch (error) {
    throw realCause(path, error);
  }
}

/**
 * Node's recursive mkdir reports ENOENT on a read-only file system; one plain mkdir of the
 * directory itself (whose parent then exists) gives the cause the user can act on (EROFS, EACCES).
 */
function realCause(path: string, error: unknown): unknown {
  if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return error;
  try {
    mkdirSync(path);
    return error;
  } catch (plain) {
    return plain;
  }
}

function checkNotFile(path: string, what: string): void {
  if (existsSync(path) && !statSync(path).isDirectory()) throw new InputError(`${what} ${path} is a file, not a directory; name a directory`);
}

/** The kind of the virtual file system holding `path`'s nearest existing ancestor, if it is one. */
function virtualFileSystem(path: string): string | undefined {
  for (let current = path; ; current = dirname(current)) {
    try {
      return NOT_STORAGE.get(Number(statfsSync(current).type));
    } catch {
      if (dirname(current) === current) return undefined;
    }
  }
}
