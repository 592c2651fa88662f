/**
 * Every directory evo-nas creates goes through `makeDirectory`: it refuses places that are not
 * storage before asking Node to create them. Node's recursive mkdir under /proc never returns
 * (procfs answers ENOENT for the parent it has just been asked to create, and Node retries, at
 * full CPU), so the nearest existing ancestor's file system is checked first, with statfs.
 */
import { statfsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { mkdirSync } from 'node:fs';
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
  await mkdir(path, { recursive: true });
}

/** The synchronous makeDirectory. */
export function makeDirectorySync(path: string, what: string): void {
  checkStoragePath(path, what);
  mkdirSync(path, { recursive: true });
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
