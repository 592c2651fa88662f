/**
 * What the UI serves: the run directories and exported zoo entries found under the folders it was
 * given (each folder itself, its sub-folders and theirs). Symbolic links are not followed, so
 * nothing outside the given folders is ever listed.
 */
import { existsSync, lstatSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { uniqueNames } from '../report/run-ids.js';
import { STORE_FILE } from '../store/store.js';
import { isZooEntryDir } from '../zoo/entries.js';

export interface Found {
  /** A URL-safe name, unique among the runs (or the entries). */
  readonly id: string;
  readonly dir: string;
}

export interface Catalogue {
  readonly runs: readonly Found[];
  readonly entries: readonly Found[];
}

const DEPTH = 2;

function isRealDir(path: string): boolean {
  try {
    return lstatSync(path).isDirectory();
  } catch {
    return false;
  }
}

function* folders(dir: string, depth: number): Generator<string> {
  if (!isRealDir(dir)) return;
  yield dir;
  if (depth === 0 || existsSync(join(dir, STORE_FILE))) return;
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => !name.startsWith('.')).sort();
  } catch {
    return;
  }
  for (const name of names) yield* folders(join(dir, name), depth - 1);
}

/** Ids from paths relative to their root; a clash gets -2, -3, ... */
function named(found: readonly { dir: string; label: string }[], fallback: string): Found[] {
  const ids = uniqueNames(found.map((f) => f.label), fallback);
  return found.map(({ dir }, i) => ({ id: ids[i] as string, dir }));
}

export function findRunsAndEntries(roots: readonly string[]): Catalogue {
  const runs: { dir: string; label: string }[] = [];
  const entries: { dir: string; label: string }[] = [];
  const seen = new Set<string>();
  for (const root of roots.map((r) => resolve(r))) {
    for (const dir of folders(root, DEPTH)) {
      if (seen.has(dir)) continue;
      seen.add(dir);
      const label = dir === root ? (root.split(/[\\/]/).pop() ?? 'run') : dir.slice(root.length + 1);
      if (isRealFile(join(dir, STORE_FILE))) runs.push({ dir, label });
      else if (isZooEntryDir(dir) && isRealFile(join(dir, 'entry.json'))) entries.push({ dir, label });
    }
  }
  return { runs: named(runs, 'run'), entries: named(entries, 'entry') };
}

function isRealFile(path: string): boolean {
  try {
    return lstatSync(path).isFile();
  } catch {
    return false;
  }
}
