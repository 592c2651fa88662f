/**
 * `evo-nas store verify RUN_DIR`: checks a run directory's store from end to end (its header,
 * every record, every weight blob's sha256, every checkpoint's blobs) without changing it, and
 * also while a run writes to it (it reads the last committed transaction and takes no lock).
 */
import { join } from 'node:path';
import type { Command } from 'commander';
import { StoreDamagedError } from '../../errors/errors.js';
import { Store, STORE_FILE } from '../../store/store.js';

/** The report of a whole store; throws StoreDamagedError (exit 2) after `print`ing each problem. */
export async function verifyStore(runDir: string, print: (text: string) => void): Promise<string> {
  const store = Store.open(runDir, { readOnly: true });
  let problems: string[];
  try {
    problems = store.verify();
  } finally {
    await store.close();
  }
  const file = join(runDir, STORE_FILE);
  if (problems.length === 0) return `${file}: every record readable, every weight blob matches its sha256, every checkpoint's blobs present`;
  for (const problem of problems) print(problem);
  throw new StoreDamagedError(
    `${file} has ${problems.length} problem${problems.length === 1 ? '' : 's'} (listed above); restore the directory from a copy or start a new run directory`,
  );
}

export function registerStoreCommands(program: Command, print: (text: string) => void): void {
  const store = program.command('store').description("check a run directory's store");
  store
    .command('verify')
    .description('read every record, re-hash every weight blob, check every checkpoint has its blobs; exit 0 when whole, 2 with a list of problems')
    .argument('<run-dir>', 'the run directory')
    .action(async (runDir: string) => print(await verifyStore(runDir, print)))
    .addHelpText('after', '\nExample:\n  evo-nas store verify runs/nsga2-seed0');
}
