/**
 * Where dataset files are looked for, in order: `--data-dir DIR`, `$EVO_NAS_DATA`,
 * `~/.cache/evo-nas`, then the system folder `/usr/share/datasets` (where Debian's
 * `dataset-fashion-mnist` package installs). A dataset NAME lives in `<root>/NAME` under each.
 * `evo-nas data fetch` writes into the first of `--data-dir`, `$EVO_NAS_DATA`, `~/.cache/evo-nas`.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The places to look; each field overrides the default (tests point them at temp folders). */
export interface Sources {
  /** `--data-dir`, when given. */
  readonly dataDir?: string;
  /** The environment (default `process.env`), for `EVO_NAS_DATA` and `EVO_NAS_DATA_MIRROR`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** The user's home folder (default `os.homedir()`). */
  readonly home?: string;
  /** The system datasets folder (default `/usr/share/datasets`). */
  readonly system?: string;
}

export type SourceKind = '--data-dir' | 'EVO_NAS_DATA' | 'cache' | 'system';

/** One root folder that may hold datasets. */
export interface SourceRoot {
  readonly kind: SourceKind;
  readonly root: string;
}

export const SYSTEM_DATASETS = '/usr/share/datasets';

/** The roots to search, in order. */
export function sourceRoots(sources: Sources = {}): SourceRoot[] {
  const env = sources.env ?? process.env;
  const roots: SourceRoot[] = [];
  if (sources.dataDir) roots.push({ kind: '--data-dir', root: sources.dataDir });
  if (env.EVO_NAS_DATA) roots.push({ kind: 'EVO_NAS_DATA', root: env.EVO_NAS_DATA });
  roots.push({ kind: 'cache', root: join(sources.home ?? homedir(), '.cache', 'evo-nas') });
  roots.push({ kind: 'system', root: sources.system ?? SYSTEM_DATASETS });
  return roots;
}

/** Where `data fetch` puts datasets: the first root that is not the system folder. */
export function downloadRoot(sources: Sources = {}): SourceRoot {
  return sourceRoots(sources)[0] as SourceRoot;
}
