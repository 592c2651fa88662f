/**
 * One writer per run directory: `run.lock` holds the writer's pid, host and start time. It is
 * created atomically (a hard link from a private temp file, which fails if the lock exists), so
 * two processes cannot both take it. A lock left by a process that no longer runs (on this host)
 * is stale and is taken over; readers (`evo-nas show`) never take it.
 */
import { hostname } from 'node:os';
import { join } from 'node:path';
import { linkSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { RunDirectoryError } from '../errors/errors.js';
import { makeDirectorySync } from '../files/directories.js';

export const LOCK_FILE = 'run.lock';

export interface LockInfo {
  readonly pid: number;
  readonly hostname: string;
  readonly startedAt: string;
}

export interface RunLock {
  readonly info: LockInfo;
  /** Removes the lock if it is still this process's. */
  release(): void;
}

/** Takes the run directory's lock (creating the directory), or says who holds it. */
export function acquireRunLock(runDir: string): RunLock {
  makeDirectorySync(runDir, 'run directory');
  const path = join(runDir, LOCK_FILE);
  const info: LockInfo = { pid: process.pid, hostname: hostname(), startedAt: new Date().toISOString() };
  const temp = `${path}.${process.pid}.${process.hrtime.bigint()}`;
  writeFileSync(temp, JSON.stringify(info));
  try {
    // Two tries: the second after removing a stale lock.
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        linkSync(temp, path);
        return { info, release: () => releaseIfOurs(path, info) };
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
  let text: string;
  try {
    text = readFileSync(join(runDir, LOCK_FILE), 'utf8');
  } catch {
    return undefined;
  }
  let info: LockInfo;
  try {
    info = JSON.parse(text) as LockInfo;
  } catch {
    return undefined; // unreadable: treat as no lock (it was written whole, so it was not ours)
  }
  return { ...info, alive: info.hostname !== hostname() || processRuns(info.pid) };
}

function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function busy(runDir: string, holder: LockInfo): RunDirectoryError {
  const who = holder.pid === process.pid && holder.hostname === hostname() ? 'this process' : `process ${holder.pid} on ${holder.hostname}`;
  return new RunDirectoryError(
    `run directory ${runDir} is in use by ${who} (since ${holder.startedAt}); ` +
      `wait for it to finish, or watch it with "evo-nas show ${runDir}". If that process is gone, delete ${join(runDir, LOCK_FILE)}.`,
  );
}

function releaseIfOurs(path: string, info: LockInfo): void {
  try {
    const current = JSON.parse(readFileSync(path, 'utf8')) as LockInfo;
    if (current.pid === info.pid && current.startedAt === info.startedAt) unlinkSync(path);
  } catch {
    // already gone
  }
}
