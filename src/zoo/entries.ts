/**
 * Model-zoo entries exported by searches (`evo-nas export`): one folder each, holding
 * `entry.json` and `model/`. Reading them never trusts a folder blindly: an entry.json that is not
 * an evo-nas search entry is reported with its path rather than listed.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../errors/errors.js';
import type { Shortcut } from '../space/index.js';

export interface ZooEntry {
  readonly name: string;
  readonly dir: string;
  readonly space: string;
  readonly genome: string;
  /** The shortcut convention of the supernet it was searched with. */
  readonly shortcut: Shortcut;
  readonly classes: number;
  readonly inputShape: readonly number[];
  readonly metrics: { readonly accuracy: number; readonly params: number; readonly macs: number };
  readonly provenance: { readonly run: string; readonly dataset: string; readonly supernetVersion: number; readonly exportedAt: string };
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
  let entry: Partial<ZooEntry> & { kind?: string };
  try {
    entry = JSON.parse(readFileSync(file, 'utf8')) as typeof entry;
  } catch (error) {
    throw new InputError(`cannot read the zoo entry ${file}: ${(error as Error).message}`);
  }
  const shapeOk = Array.isArray(entry.inputShape) && entry.inputShape.length === 3 && Number.isInteger(entry.classes);
  if (entry.kind !== 'evo-nas-search' || typeof entry.genome !== 'string' || typeof entry.space !== 'string' || !shapeOk || !entry.metrics || !entry.provenance) {
    throw new InputError(`${file} is not an evo-nas search entry (it lacks kind "evo-nas-search", space, genome, classes, inputShape, metrics or provenance)`);
  }
  return { ...(entry as ZooEntry), shortcut: entry.shortcut ?? 'always', dir };
}

const ENTRY_FILE = 'entry.json';
