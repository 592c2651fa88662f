/**
 * The supernet phase of a run: train the slimmable supernet on the run's training split with the
 * sandwich rule, checkpointing weights, optimiser state and position into the store after every
 * epoch (one transaction each). Run again on the same store, it continues after the last
 * completed epoch and, for the same settings, ends with the same weights as an uninterrupted run:
 * batch order is drawn per epoch and subnets per step from seeded forks.
 */
import { buildAugmentation } from '../augment/config.js';
import { trainingBatches } from '../data/pipeline.js';
import { InputError } from '../errors/errors.js';
import { Rng } from '../random/rng.js';
import { getSpace } from '../space/index.js';
import type { SupernetRecord } from '../store/schema.js';
import { settingDifferences } from '../store/resume.js';
import type { Store } from '../store/store.js';
import { Supernet } from './supernet.js';
import { trainDataParallel } from './train-loop.js';
import { DataParallelTrainer } from './data-parallel.js';
import { cosineWithWarmup } from '../train/schedule.js';
import { Sgd } from '../train/sgd.js';
import { loadRunData } from './run-data.js';
import { curvePoints } from './training-curve.js';
import { loadSupernet, supernetProgress, type SupernetProgress, type SupernetSettings } from './stored.js';

export type { SupernetProgress, SupernetSettings } from './stored.js';

export interface PhaseIo {
  readonly log: (line: string) => void;
  /** Training worker threads (data-parallel.ts); 0 trains on this thread. Default: the core count. Never changes the result. */
  readonly workers?: number;
  /** Node options of the training workers (default: the process's own). */
  readonly execArgv?: readonly string[];
}

/**
 * The store's finished supernet, if it was trained on the same data and space: a search reuses
 * one trained by `evo-nas supernet train` (with its own epochs and augmentation) as it is.
 */
export function finishedSupernet(store: Store, settings: Pick<SupernetSettings, 'dataset' | 'space' | 'seed'>): SupernetRecord | undefined {
  const latest = store.getSupernet();
  const saved = supernetProgress(latest);
  if (!latest || !saved || saved.epoch < saved.settings.epochs) return undefined;
  const same = saved.settings.dataset === settings.dataset && saved.settings.space === settings.space && saved.settings.seed === settings.seed;
  if (!same) {
    throw new InputError(
      `the supernet in ${store.runDir} was trained on ${saved.settings.dataset} / ${saved.settings.space} with seed ${saved.settings.seed}; ` +
        `this run asks for ${settings.dataset} / ${settings.space} with seed ${settings.seed}: use another --run-dir`,
    );
  }
  return latest;
}

/** Trains (or finishes training) the run's supernet; returns the final checkpoint. */
export async function trainSupernetPhase(store: Store, settings: SupernetSettings, io: PhaseIo): Promise<SupernetRecord> {
  const latest = store.getSupernet();
  const saved = supernetProgress(latest);
  if (saved) checkSameSettings(saved.settings, settings, store.runDir);
  if (latest && saved && saved.epoch >= settings.epochs) return latest;
  if (!Number.isSafeInteger(settings.shards) || settings.shards < 1 || settings.batchSize % settings.shards !== 0) {
    throw new InputError(`--shards ${settings.shards} must be a whole number ≥ 1 that divides the batch size ${settings.batchSize}`);
  }

  const data = await loadRunData(settings);
  const { dataset } = data;
  const indices = settings.trainImages === null ? data.split.train : data.split.train.slice(0, settings.trainImages);
  const stepsPerEpoch = Math.floor(indices.length / settings.batchSize);
  if (stepsPerEpoch === 0) {
    throw new InputError(`--batch-size ${settings.batchSize} is larger than the ${indices.length} training images of the run`);
  }
  const space = getSpace(settings.space);
  const config = { classes: dataset.classNames.length, inputChannels: dataset.channels, shortcut: settings.shortcut };
  const rng = Rng.fromSeed(settings.seed).fork('supernet');
  // Continue from the newest checkpoint (whose settings were checked above), or start afresh.
  const supernet = (saved ? loadSupernet(store)?.supernet : undefined) ?? Supernet.create(space, config, rng.fork('init'));
  const optimizer = new Sgd(supernet.trainableVariables(), { momentum: 0.9, nesterov: settings.nesterov, weightDecay: 5e-4 });
  if (latest && saved) optimizer.loadState(store.getWeights(latest.optimizer));
  const schedule = cosineWithWarmup({
    baseLr: settings.lr,
    totalSteps: settings.epochs * stepsPerEpoch,
    warmupSteps: settings.warmupEpochs * stepsPerEpoch,
  });
  const augment = settings.augment ? buildAugmentation(settings.augment) : undefined;
  const trainer = new DataParallelTrainer(supernet, optimizer, {
    shards: settings.shards,
    ...(io.workers === undefined ? {} : { workers: io.workers }),
    ...(io.execArgv ? { execArgv: io.execArgv } : {}),
  });
  io.log(`supernet training: ${settings.shards} shard${settings.shards === 1 ? '' : 's'} per batch on ${trainer.workers === 0 ? 'the main thread' : `${trainer.workers} worker${trainer.workers === 1 ? '' : 's'}`}`);
  let record = latest;
  try {
    for (let epoch = saved?.epoch ?? 0; epoch < settings.epochs; epoch++) {
      const started = performance.now();
      const batches = trainingBatches(dataset.train, dataset, epoch, rng.fork('data'), {
        batchSize: settings.batchSize,
        indices,
        shuffle: true,
        dropLast: true,
        ...(augment ? { augment } : {}),
      });
      let lossSum = 0;
      const reports = await trainDataParallel(trainer, batches, {
        startStep: epoch * stepsPerEpoch,
        steps: stepsPerEpoch,
        schedule,
        sandwichRandom: settings.sandwich,
        sampling: settings.sampling ?? 'sandwich',
        distill: settings.distill,
        labelSmoothing: settings.labelSmoothing,
        rng: rng.fork('sandwich'),
        onStep: (report) => (lossSum += report.losses[0] ?? 0),
      });
      const progress: SupernetProgress = {
        phase: 'supernet',
        settings,
        epoch: epoch + 1,
        step: (epoch + 1) * stepsPerEpoch,
        classes: config.classes,
        inputChannels: config.inputChannels,
        inputSize: [dataset.height, dataset.width],
        curve: curvePoints(reports),
      };
      record = store.saveSupernet({ weights: supernet.getWeights(), optimizer: optimizer.state(), training: { ...progress } });
      const seconds = (performance.now() - started) / 1000;
      io.log(
        `supernet epoch ${epoch + 1}/${settings.epochs}  loss(largest) ${(lossSum / Math.max(1, reports.length)).toFixed(4)}  ` +
          `lr ${schedule(progress.step - 1).toFixed(4)}  ${Math.round((reports.length * settings.batchSize) / seconds)} images/s  ` +
          `checkpoint v${record.version}`,
      );
    }
  } finally {
    await trainer.close();
    optimizer.dispose();
    supernet.dispose();
  }
  if (!record) throw new Error('supernet phase ended without a checkpoint');
  return record;
}

/** A stored supernet may be continued only with the settings that trained it (more epochs are fine). */
function checkSameSettings(saved: SupernetSettings, asked: SupernetSettings, runDir: string): void {
  // Stores from before `sampling` existed trained with the sandwich rule.
  const differences = settingDifferences({ sampling: 'sandwich', ...saved }, { sampling: 'sandwich', ...asked }, ['epochs']);
  if (differences.length > 0) {
    throw new InputError(`the supernet in ${runDir} was trained with other settings (${differences.join('; ')}); use another --run-dir or the same settings`);
  }
}
