/**
 * Model-zoo entries exported by searches (`evo-nas export`): one folder each, holding
 * `entry.json` and `model/`. Reading them never trusts a folder blindly: an entry.json that is not
 * an evo-nas search entry is reported with its path rather than listed.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../errors/errors.js';

export interface ZooEntry {
  readonly name: string;
  readonly dir: string;
  readonly space: string;
  readonly genome: string;
  readonly classes: number;
  readonly inputShape: readonly number[];
  readonly metrics: { readonly accuracy: number; readonly params: number; readonly macs: number };
  readonly provenance: { readonly run: string; readonly dataset: string; readonly supernetVersion: number; readonly exportedAt: string };
}

/** The search entries in `dir` (sub-folders with an entry.json), by name. */
export function readZooEntries(dir: string): ZooEntry[] {
  if (!existsSync(dir)) throw new InputError(`no zoo folder ${dir}; evo-nas export writes entries there (--to ${dir})`);
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('.') && existsSync(join(dir, d.name, 'entry.json')))
    .map((d) => {
      const file = join(dir, d.name, 'entry.json');
      const entry = JSON.parse(readFileSync(file, 'utf8')) as Partial<ZooEntry> & { kind?: string };
      if (entry.kind !== 'evo-nas-search' || typeof entry.genome !== 'string' || !entry.metrics || !entry.provenance) {
        throw new InputError(`${file} is not an evo-nas search entry (it lacks kind "evo-nas-search", genome, metrics or provenance)`);
      }
      return { ...(entry as ZooEntry), dir: join(dir, d.name) };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}
