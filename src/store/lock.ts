/**
 * One writer per run directory: `run.lock` names the writer by pid, host and the process's start
 * time. It is created atomically (a hard link from a private temp file, which fails if the lock
 * exists), so two processes cannot both take it; readers (`evo-nas show`) never take it.
 *
 * Why not an flock/fcntl lock that the kernel drops with the process: Node has no binding for
 * either, and a native addon for it (lmdb-js does not expose its own reader-table locks) would be
 * one more build to break. Instead the owner is identified so that its death is certain: on
 * Linux a pid together with its start time in /proc/PID/stat (and the boot id) names one process
 * for ever, so a reused pid is never mistaken for the owner, a dead owner's lock is taken over at
 * once, and a live owner never loses it. The lock file can still be deleted by hand while its
 * owner runs; the writer therefore checks, before each commit (`confirm`), that the lock is still
 * its own, re-takes it if it is gone, and stops if another process took it in between: two
 * writers never interleave their commits. There is never a reason to delete the file by hand.
 */
import { hostname } from 'node:os';
import { join } from 'node:path';
import { linkSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { RunDirectoryError } from '../errors/errors.js';
import { makeDirectorySync } from '../files/directories.js';

export const LOCK_FILE = 'run.lock';

export interface LockInfo {
  readonly pid: number;
  readonly hostname: string;
  readonly startedAt: string;
  /** The process's start time (clock ticks after boot, /proc/PID/stat) and the boot's id; absent where there is no /proc. */
  readonly processStart?: string;
}

export interface RunLock {
  readonly info: LockInfo;
  /** Throws RunDirectoryError when another process has taken the lock; re-takes it when it was deleted. */
  confirm(): void;
  /** Removes the lock if it is still this process's. */
  release(): void;
}

/** Takes the run directory's lock (creating the directory), or says who holds it. */
export function acquireRunLock(runDir: string): RunLock {
  makeDirectorySync(runDir, 'run directory');
  const path = join(runDir, LOCK_FILE);
  const start = processStart(process.pid);
  const info: LockInfo = { pid: process.pid, hostname: hostname(), startedAt: new Date().toISOString(), ...(start ? { processStart: start } : {}) };
  link(runDir, path, info);
  return {
    info,
    confirm: () => {
      const current = readLockFile(path);
      if (current === undefined) link(runDir, path, info);
      else if (!sameOwner(current, info)) throw taken(runDir, current);
    },
    release: () => releaseIfOurs(path, info),
  };
}

/** Creates the lock file holding `info`, taking over a stale one. */
function link(runDir: string, path: string, info: LockInfo): void {
  if (isDirectory(path)) throw new RunDirectoryError(`${path} is a directory, not evo-nas's lock file; move it out of ${runDir}`);
  const temp = `${path}.${process.pid}.${process.hrtime.bigint()}`;
  writeFileSync(temp, JSON.stringify(info));
  try {
    // Two tries: the second after removing a stale lock.
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        linkSync(temp, path);
        return;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const holder = readRunLock(runDir);
      if (holder?.alive) throw busy(runDir, holder);
      rmSync(path, { force: true }); // stale: its process is gone
    }
    throw new RunDirectoryError(`run directory ${runDir} is being taken by another process at the same moment; try again`);
  } finally {
    rmSync(temp, { force: true });
  }
}

/** The lock's holder and whether it still runs, or undefined when the directory is not locked. */
export function readRunLock(runDir: string): (LockInfo & { readonly alive: boolean }) | undefined {
  const info = readLockFile(join(runDir, LOCK_FILE));
  return info === undefined ? undefined : { ...info, alive: holderRuns(info) };
}

function readLockFile(path: string): LockInfo | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as LockInfo;
  } catch {
    return undefined; // missing, or unreadable (it was written whole, so it was not ours)
  }
}

/** Whether the process a lock names still runs: on another host we cannot tell, so yes. */
function holderRuns(info: LockInfo): boolean {
  if (info.hostname !== hostname()) return true;
  const start = processStart(info.pid);
  if (start !== undefined && info.processStart !== undefined) return start === info.processStart;
  try {
    process.kill(info.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** `BOOT_ID:START_TICKS` of a running process, or undefined (no such process, or no /proc). */
export function processStart(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces and parentheses); start time is field 22.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const boot = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    return `${boot}:${fields[19]}`;
  } catch {
    return undefined;
  }
}

function sameOwner(a: LockInfo, b: LockInfo): boolean {
  return a.pid === b.pid && a.hostname === b.hostname && a.startedAt === b.startedAt;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function busy(runDir: string, holder: LockInfo): RunDirectoryError {
  const who = holder.pid === process.pid && holder.hostname === hostname() ? 'this process' : `process ${holder.pid} on ${holder.hostname}`;
  return new RunDirectoryError(
    `run directory ${runDir} is in use by ${who} (since ${holder.startedAt}); ` +
      `wait for it to finish, or watch it with "evo-nas show ${runDir}" (the lock goes by itself when that process ends)`,
  );
}

function taken(runDir: string, holder: LockInfo): RunDirectoryError {
  return new RunDirectoryError(
    `run directory ${runDir} was taken by process ${holder.pid} on ${holder.hostname} while this process wrote to it (its ${LOCK_FILE} was deleted); ` +
      'stopping so that the two do not interleave. Everything committed before is kept.',
  );
}

function releaseIfOurs(path: string, info: LockInfo): void {
  const current = readLockFile(path);
  if (current !== undefined && sameOwner(current, info)) unlinkSync(path);
}
