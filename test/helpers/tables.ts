/** Generated Channel-Bench-Macro-format tables written to a test's temporary directory. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Test } from 'tap';
import { Rng } from '../../src/random/rng.js';
import { generateTable, type TabularSpace } from '../../src/tabular/index.js';
import { tempDir } from './tmp.js';

/** Writes a complete generated table for `space` (seeded) and returns its path. */
export function writeGeneratedTable(t: Test, space: TabularSpace, seed = 1, name = `Results_${space.network}.json`): string {
  const file = join(tempDir(t, 'evo-nas-table-'), name);
  writeFileSync(file, JSON.stringify(generateTable(space, Rng.fromSeed(seed).fork('table'))));
  return file;
}
