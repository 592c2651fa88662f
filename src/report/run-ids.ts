/**
 * Short names for runs (and zoo entries) shown together, usable in a URL: lower-case letters,
 * digits and dashes from the folder's name, made unique with -2, -3, ...
 */
import { resolve } from 'node:path';

/** `text` as lower-case letters, digits and single dashes, or `fallback` when nothing is left. */
export function urlName(text: string, fallback: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || fallback;
}

/** One unique name per label, in order. */
export function uniqueNames(labels: readonly string[], fallback: string): string[] {
  const seen = new Map<string, number>();
  return labels.map((label) => {
    const base = urlName(label, fallback);
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    return count === 1 ? base : `${base}-${count}`;
  });
}

/** Names for run directories: their last path component. */
export function runIds(runDirs: readonly string[]): string[] {
  return uniqueNames(runDirs.map((dir) => resolve(dir).split(/[\\/]/).filter(Boolean).pop() ?? ''), 'run');
}
