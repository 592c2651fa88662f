/**
 * Resolving a requested path inside a folder the UI was given, refusing anything that could
 * leave it: `..` or `.` segments, absolute paths (a leading slash, a drive letter, a backslash),
 * NUL bytes, and symbolic links whose target lies outside the folder.
 */
import { realpathSync } from 'node:fs';
import { join, sep } from 'node:path';

export type Resolved = { readonly path: string } | { readonly refused: string } | { readonly missing: true };

/** `relative` (URL-decoded, `/`-separated) inside `base`, or why not. */
export function resolveInside(base: string, relative: string): Resolved {
  if (relative === '' || relative.includes('\0')) return { refused: 'empty path or NUL byte' };
  if (relative.startsWith('/') || relative.includes('\\') || /^[a-zA-Z]:/.test(relative)) return { refused: 'absolute path' };
  const segments = relative.split('/');
  if (segments.some((s) => s === '..' || s === '.' || s === '')) return { refused: 'path with "..", "." or an empty segment' };
  let realBase: string;
  let real: string;
  try {
    realBase = realpathSync(base);
    real = realpathSync(join(base, ...segments));
  } catch {
    return { missing: true };
  }
  if (real !== realBase && !real.startsWith(realBase + sep)) return { refused: 'a link out of the folder' };
  return { path: real };
}
