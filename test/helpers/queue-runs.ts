/** Table runs for the queue's tests: the same search evaluated locally, as the reference. */
import { join } from 'node:path';
import { runCommand } from '../../src/cli/commands/run.js';
import { showRun } from '../../src/cli/commands/show.js';

export interface TableRun {
  readonly table: string;
  readonly generations: number;
  readonly population: number;
  readonly seed: number;
}

/** The flags of `evo-nas run` for this search in `runDir`. */
export function runArgs(run: TableRun, runDir: string): string[] {
  return ['run', '--evaluator', `table:${run.table}`, '--generations', String(run.generations), '--population', String(run.population), '--seed', String(run.seed), '--run-dir', runDir];
}

/** The front of a stored run (shown as JSON). */
export async function frontOf(runDir: string): Promise<unknown> {
  return JSON.parse(await showRun(runDir, { json: true })).front;
}

/** The front the same search reaches evaluating in-process on this host. */
export async function localFront(run: TableRun, dir: string): Promise<unknown> {
  const runDir = join(dir, `local-${run.seed}-${run.generations}x${run.population}`);
  await runCommand({ evaluator: `table:${run.table}`, generations: run.generations, population: run.population, seed: run.seed, runDir, workers: 0 }, { log: () => undefined });
  return frontOf(runDir);
}
