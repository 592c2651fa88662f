/** Short names for runs shown together: the run folder's name, made unique with -2, -3, ... */
import { lastComponentSlug } from '../cli/folder-name.js';

export function runIds(runDirs: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return runDirs.map((dir) => {
    const base = lastComponentSlug(dir, 'run');
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    return count === 1 ? base : `${base}-${count}`;
  });
}
