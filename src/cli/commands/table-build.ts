/**
 * `evo-nas table build`: trains a stratified sample of a space's architectures from scratch, each
 * with several seeds, and writes the ground-truth table (Channel-Bench-Macro format keyed by
 * genome text) that `evo-nas run --evaluator table:FILE --space SPACE` and `evo-nas correlate` read.
 */
import { availableParallelism } from 'node:os';
import { buildTableJob, type TableBuildIo } from '../../ground-truth/build.js';
import type { TableBuildSettings } from '../../ground-truth/plan.js';
import { epochSettingsFromFlags, type TrainingFlags } from '../../model-training/flags.js';
import { getSpace, type Shortcut } from '../../space/index.js';
import { folderSlug } from '../../export/folder-name.js';

export interface TableBuildOptions extends TrainingFlags {
  readonly space: string;
  readonly shortcut?: Shortcut;
  readonly architectures: number;
  readonly seeds: number;
  readonly workers?: number;
  /** Train on `evo-nas worker`s through this Redis (never stored: it may hold a password). */
  readonly queue?: string;
  readonly runDir?: string;
  readonly out: string;
  readonly partial?: boolean;
  readonly taskTimeout: number;
  readonly attempts: number;
  readonly backend?: string;
}

/** The run directory used when --run-dir is not given. */
export function defaultTableRunDir(space: string, dataset: string, seed: number): string {
  return `runs/table-${folderSlug(space, 'space')}-${folderSlug(dataset, 'data')}-seed${seed}`;
}

/** What decides the table: the space, the sample and the training recipe. */
export function tableBuildSettings(options: TableBuildOptions): TableBuildSettings {
  const space = getSpace(options.space);
  return {
    space: space.name,
    shortcut: options.shortcut ?? space.shortcut,
    architectures: options.architectures,
    seeds: options.seeds,
    training: epochSettingsFromFlags(options),
  };
}

export function tableBuild(options: TableBuildOptions, io: TableBuildIo, execArgv?: readonly string[]): Promise<string> {
  return buildTableJob(
    {
      settings: tableBuildSettings(options),
      runDir: options.runDir ?? defaultTableRunDir(options.space, options.dataset, options.seed),
      out: options.out,
      // With a queue, this host trains only when asked to (--workers N), as with run --queue.
      workers: options.workers ?? (options.queue ? 0 : availableParallelism()),
      ...(options.queue ? { queue: options.queue } : {}),
      ...(options.backend ? { backend: options.backend } : {}),
      taskTimeoutMinutes: options.taskTimeout,
      attempts: options.attempts,
      partial: options.partial ?? false,
      ...(execArgv ? { execArgv } : {}),
    },
    io,
  );
}
