/** Folder names made from user input (a run directory, a model), safe to join under another folder. */
import { resolve } from 'node:path';

/** `text` as lower-case letters, digits and single dashes, or `fallback` when nothing is left. */
export function folderSlug(text: string, fallback: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || fallback;
}

/** The last component of `path` (resolved), as a slug. */
export function lastComponentSlug(path: string, fallback: string): string {
  return folderSlug(resolve(path).split(/[\\/]/).pop() ?? '', fallback);
}
