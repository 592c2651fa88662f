/** Small tmpfs mounts for disk-fault tests: only root may mount, so the tests skip otherwise. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Test } from 'tap';
import { tempDir } from './tmp.js';

/** Why a disk-fault test cannot run here, or false when it can. */
export const tmpfsMissing: string | false = process.getuid?.() === 0 ? false : 'needs root to mount a small tmpfs';

/** A tmpfs of 1 MiB mounted in a temporary directory for the test's duration (`ro` read-only). */
export function mountTmpfs(t: Test, options: string): string {
  const dir = join(tempDir(t), 'mnt');
  mkdirSync(dir);
  const mount = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=1m,${options}`, 'tmpfs', dir]);
  if (mount.status !== 0) throw new Error(`mount failed: ${mount.stderr}`);
  t.teardown(() => void spawnSync('umount', [dir]));
  return dir;
}

/** A mounted 1 MiB tmpfs with all but two pages taken by a file named `filler`. */
export function fullTmpfs(t: Test): string {
  const full = mountTmpfs(t, 'rw');
  writeFileSync(join(full, 'filler'), Buffer.alloc(1024 * 1024 - 8192));
  return full;
}
