/**
 * Model-zoo entries exported by searches (`evo-nas export`): one folder each, holding
 * `entry.json` and `model/`. Reading them never trusts a folder blindly: an entry.json that is not
 * an evo-nas search entry is reported with its path rather than listed.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../errors/errors.js';
import { ENTRY_FILE, parseEntryFile, type EntryFile } from './entry-file.js';

/** An exported entry as read from its folder: entry.json's content and where it lies. */
export interface ZooEntry extends EntryFile {
  readonly dir: string;
}

/** The search entries in `dir` (sub-folders with an entry.json), by name. */
export function readZooEntries(dir: string): ZooEntry[] {
  if (!existsSync(dir)) throw new InputError(`no zoo folder ${dir}; evo-nas export writes entries there (--to ${dir})`);
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('.') && isZooEntryDir(join(dir, d.name)))
    .map((d) => readZooEntry(join(dir, d.name)))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** True when `dir` looks like an exported entry (it holds an entry.json). */
export function isZooEntryDir(dir: string): boolean {
  return existsSync(join(dir, ENTRY_FILE));
}

/** The search entry in folder `dir`; an InputError naming the file when it is not one. */
export function readZooEntry(dir: string): ZooEntry {
  const file = join(dir, ENTRY_FILE);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new InputError(`cannot read the zoo entry ${file}: ${(error as Error).message}`);
  }
  return { ...parseEntryFile(json, file), dir };
}
