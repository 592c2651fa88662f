/**
 * `evo-nas supernet train`: the supernet phase on its own, checkpointed into a run directory's
 * store every epoch and resumed from the last checkpoint when run again. `evo-nas run` on the same
 * run directory then searches with this supernet instead of training one.
 */
import { augmentConfigFromOptions } from '../../augment/options.js';
import { InputError } from '../../errors/errors.js';
import { initBackend, trainingBackendWarning, type BackendChoice } from '../../nn/backend.js';
import { getSpace, type SubnetSampling } from '../../space/index.js';
import { Store } from '../../store/store.js';
import { trainSupernetPhase, type SupernetSettings } from '../../supernet/phase.js';

export interface SupernetTrainOptions {
  readonly runDir: string;
  readonly dataset: string;
  readonly dataDir?: string;
  readonly space: string;
  readonly epochs: number;
  readonly batchSize: number;
  readonly lr: number;
  /** Absent: 1, or 0 for a single epoch. */
  readonly warmupEpochs?: number;
  readonly sandwich: number;
  readonly sampling: SubnetSampling;
  readonly distill: boolean;
  readonly labelSmoothing: number;
  readonly trainImages?: number;
  readonly shards: number;
  /** Training worker threads; 0 trains on the main thread (default: the core count). */
  readonly workers?: number;
  readonly seed: number;
  readonly backend?: BackendChoice;
  readonly [augmentFlag: string]: unknown;
}

export async function supernetTrain(options: SupernetTrainOptions, log: (line: string) => void): Promise<string> {
  // Checked before the backend loads: a refusal should not wait for TensorFlow.js.
  if (options.warmupEpochs !== undefined && options.warmupEpochs >= options.epochs) {
    throw new InputError(`--warmup-epochs ${options.warmupEpochs} must be fewer than --epochs ${options.epochs}`);
  }
  const backend = await initBackend(options.backend);
  log(`backend ${backend.backend}`);
  const slow = trainingBackendWarning(backend.backend);
  if (slow) log(slow);
  const space = getSpace(options.space);
  const augment = augmentConfigFromOptions(options as Parameters<typeof augmentConfigFromOptions>[0], { cropFlip: false });
  const settings: SupernetSettings = {
    dataset: options.dataset,
    dataDir: options.dataDir ?? null,
    seed: options.seed,
    space: space.name,
    shortcut: space.shortcut,
    epochs: options.epochs,
    batchSize: options.batchSize,
    lr: options.lr,
    warmupEpochs: options.warmupEpochs ?? Math.min(1, options.epochs - 1),
    sandwich: options.sandwich,
    sampling: options.sampling,
    distill: options.distill,
    labelSmoothing: options.labelSmoothing,
    nesterov: true,
    trainImages: options.trainImages ?? null,
    augment,
    shards: options.shards,
  };
  const store = Store.open(options.runDir);
  try {
    const record = await trainSupernetPhase(store, settings, { log, ...(options.workers === undefined ? {} : { workers: options.workers }) });
    return `supernet v${record.version} in ${options.runDir}: ${settings.epochs} epoch${settings.epochs === 1 ? "" : "s"} on ${settings.dataset} (${space.name})`;
  } finally {
    store.close();
  }
}
