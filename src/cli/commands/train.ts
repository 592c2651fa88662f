/**
 * `evo-nas train --model NAME_OR_ENTRY --dataset D`: trains a zoo architecture, or retrains an
 * architecture exported by a search, with the seed's recipes; checkpoints every epoch into the
 * run directory's store and resumes from it when run again; ends with the results row.
 */
import { epochSettingsFromFlags, type TrainingFlags } from '../../model-training/flags.js';
import { checkSettings, type ModelTrainingSettings, type WeightStart } from '../../model-training/settings.js';
import { formatResultRow, type TrainingResult } from '../../model-training/results.js';
import { trainModel } from '../../model-training/job.js';
import { initBackend, trainingBackendWarning, type BackendChoice } from '../../nn/backend.js';
import { Store } from '../../store/store.js';
import { resolveModel } from '../../zoo/source.js';
import { folderSlug, lastComponentSlug } from '../../export/folder-name.js';
import { DEFAULT_SHARDS } from '../../train/shards.js';

export interface TrainCommandOptions extends TrainingFlags {
  readonly model: string;
  readonly runDir?: string;
  readonly init: WeightStart;
  /** Equal shards per batch for data-parallel training (default 2); part of the result. */
  readonly shards?: number;
  /** Worker threads computing the shards (default: the core count); not part of the result. */
  readonly workers?: number;
  readonly backend?: BackendChoice;
  readonly json?: boolean;
}

export interface TrainCommandIo {
  /** Epoch lines and notes (stderr under --json, so stdout stays JSON). */
  readonly log: (line: string) => void;
  readonly onStep?: (epoch: number, done: number, total: number) => void;
}

/** The run directory used when --run-dir is not given: one per model, dataset and seed. */
export function defaultRunDir(model: string, dataset: string, seed: number): string {
  return `runs/train-${lastComponentSlug(model, 'model')}-${folderSlug(dataset, 'data')}-seed${seed}`;
}

/** The settings the flags describe: the recipe's values where a flag is absent. */
export function trainingSettings(options: TrainCommandOptions): ModelTrainingSettings {
  const source = resolveModel(options.model);
  const epochSettings = epochSettingsFromFlags(options);
  return checkSettings({
    model: source.kind === 'entry' ? source.entry.dir : source.architecture.name,
    genome: source.kind === 'entry' ? source.entry.genome : null,
    init: options.init,
    ...epochSettings,
    shards: options.shards ?? DEFAULT_SHARDS,
  });
}

export async function trainCommand(options: TrainCommandOptions, io: TrainCommandIo): Promise<string> {
  const settings = trainingSettings(options);
  const runDir = options.runDir ?? defaultRunDir(options.model, options.dataset, options.seed);
  const backend = await initBackend(options.backend);
  io.log(`backend ${backend.backend}; checkpoints in ${runDir} (run the same command again to resume)`);
  const slow = trainingBackendWarning(backend.backend);
  if (slow) io.log(slow);
  const store = Store.open(runDir);
  let result: TrainingResult;
  try {
    result = await trainModel(store, settings, { ...io, ...(options.workers === undefined ? {} : { workers: options.workers }) });
  } finally {
    await store.close();
  }
  return options.json ? JSON.stringify({ runDir, ...result }) : formatResultRow(result);
}
