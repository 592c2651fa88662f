/**
 * What `evo-nas export` will write, decided before any tensor is made: which architectures of the
 * run's front (the front, or the K most accurate, within a parameter budget), their folder names,
 * their entry.json content, and which existing entries are kept. The apply step only carries the
 * plan out, so a wrong selection or a run with nothing to export fails before any work.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { lastComponentSlug } from './folder-name.js';
import { InputError } from '../errors/errors.js';
import type { RunConfig } from '../run/config.js';
import { readRunFront } from '../run/front.js';
import { formatGenome } from '../space/index.js';
import type { EvaluatedIndividual } from '../store/schema.js';
import type { Store } from '../store/store.js';
import { supernetProgress, type SupernetProgress } from '../supernet/stored.js';
import { EVO_NAS_VERSION } from '../version.js';
import { ENTRY_KIND, type EntryFile } from '../zoo/entry-file.js';
import { accuracyStandardError } from '../search/standard-error.js';
import { checkStoragePath } from '../files/directories.js';

export interface ExportSelection {
  readonly pareto?: boolean;
  readonly top?: number;
  readonly maxParams?: number;
  /** Replace entries that exist already. */
  readonly force?: boolean;
}

export interface PlannedEntry {
  readonly individual: EvaluatedIndividual;
  readonly entry: EntryFile;
  /** Where the entry's folder goes. */
  readonly dir: string;
  /** The folder exists and --force was not given: it is kept as it is. */
  readonly keep: boolean;
}

export interface ExportPlan {
  readonly target: string;
  readonly supernetVersion: number;
  readonly progress: SupernetProgress;
  /** The evaluator's recalibration set: the run seed, batches and batch size of its spec. */
  readonly recalibration: { readonly seed: number; readonly batches: number; readonly batchSize: number };
  readonly entries: readonly PlannedEntry[];
}

/** An entry's folder name: lower-case letters, digits and dashes only, so it cannot escape `--to`. */
export function entryName(runDir: string, individual: EvaluatedIndividual): string {
  return `${lastComponentSlug(runDir, 'run')}-${individual.hash}`;
}

/** Which architectures to export: the front, or the K most accurate, within the budget. */
export function selectEntries(front: readonly EvaluatedIndividual[], options: Pick<ExportSelection, 'pareto' | 'top' | 'maxParams'>) {
  const affordable = front.filter((i) => options.maxParams === undefined || i.metrics.params <= options.maxParams);
  const byAccuracy = [...affordable].sort((a, b) => b.metrics.accuracy - a.metrics.accuracy || a.metrics.params - b.metrics.params);
  return options.top === undefined ? byAccuracy : byAccuracy.slice(0, options.top);
}

export function planExport(store: Store, options: ExportSelection & { readonly to: string }, exportedAt = new Date()): ExportPlan {
  if ((options.pareto ? 1 : 0) + (options.top === undefined ? 0 : 1) !== 1) {
    throw new InputError('export needs exactly one of --pareto (every architecture of the front) or --top K');
  }
  const runDir = store.runDir;
  const result = readRunFront(store);
  if (!result || result.generation < 0) throw new InputError(`${runDir} holds no committed generation to export yet`);
  const config = result.config as RunConfig;
  const progress = supernetProgress(store.getSupernet(result.supernetVersion));
  if (!progress) throw new InputError(`${runDir} was searched with ${config.evaluator ?? 'a table'}: it has no supernet to take weights from`);
  const chosen = selectEntries(result.front, options);
  if (chosen.length === 0) throw new InputError(`no architecture of the front fits --max-params ${options.maxParams}`);
  const target = resolve(options.to);
  checkStoragePath(target, 'export directory');
  const entries = chosen.map((individual): PlannedEntry => {
    const name = entryName(runDir, individual);
    const dir = join(target, name);
    const entry: EntryFile = {
      name,
      kind: ENTRY_KIND,
      space: progress.settings.space,
      genome: formatGenome(individual.genome),
      shortcut: progress.settings.shortcut,
      classes: progress.classes,
      inputShape: [progress.inputSize[0], progress.inputSize[1], progress.inputChannels],
      metrics: individual.metrics,
      validationImages: config.validationImages,
      accuracyStandardError: accuracyStandardError(individual.metrics.accuracy, config.validationImages),
      provenance: {
        run: resolve(runDir),
        generation: result.generation,
        supernetVersion: result.supernetVersion,
        dataset: progress.settings.dataset,
        seed: config.seed,
        exportedAt: exportedAt.toISOString(),
        evoNasVersion: EVO_NAS_VERSION,
      },
    };
    return { individual, entry, dir, keep: existsSync(dir) && !options.force };
  });
  return {
    target,
    supernetVersion: result.supernetVersion,
    progress,
    recalibration: { seed: config.seed, batches: config.recalibrationBatches ?? 2, batchSize: config.batchSize ?? progress.settings.batchSize },
    entries,
  };
}
