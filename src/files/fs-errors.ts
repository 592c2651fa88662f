/**
 * File-system faults in one line: a Node errno error (EACCES, EROFS, ENOSPC, ...) becomes a
 * sentence naming the path and the cause, which the CLI prints with exit 2, instead of a stack.
 */

const CAUSES: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the file system is read-only',
  ENOSPC: 'disk full (no space left on the device)',
  EDQUOT: 'disk quota exceeded',
  EEXIST: 'it already exists',
  ENOTDIR: 'a part of the path is a file, not a directory',
  EISDIR: 'it is a directory, not a file',
  ENOTEMPTY: 'the directory is not empty',
  ERR_FS_EISDIR: 'it is a directory, not a file',
};

/** `error` with `path` attached when Node left it out (writeFileSync's ENOSPC names no file). */
export function atPath(error: unknown, path: string): unknown {
  if (error instanceof Error && (error as NodeJS.ErrnoException).code !== undefined && (error as NodeJS.ErrnoException).path === undefined) {
    Object.assign(error, { path });
  }
  return error;
}

/** The one-line message for a file-system error, or undefined when `error` is not one. */
export function fileSystemMessage(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const { code, path, dest, syscall } = error as NodeJS.ErrnoException & { dest?: string };
  const cause = code === undefined ? undefined : CAUSES[code];
  if (cause === undefined) return undefined;
  const where = path === undefined ? '' : ` ${path}${dest === undefined ? '' : ` -> ${dest}`}`;
  return `cannot ${syscall ?? 'use'}${where}: ${cause}`;
}
