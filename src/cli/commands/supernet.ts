/**
 * `evo-nas supernet train`: the supernet phase on its own, checkpointed into a run directory's
 * store every epoch and resumed from the last checkpoint when run again. `evo-nas run` on the same
 * run directory then searches with this supernet instead of training one.
 */
import { Option, type Command } from 'commander';
import { addAugmentOptions, augmentConfigFromOptions } from '../../augment/options.js';
import { initBackend, parseBackendChoice } from '../../nn/backend.js';
import { MAX_SEED } from '../../random/rng.js';
import { DEFAULT_SPACE_NAME, getSpace, SPACES } from '../../space/index.js';
import { Store } from '../../store/store.js';
import { trainSupernetPhase, type SupernetSettings } from '../../nas/supernet-phase.js';
import { positiveNumber, wholeNumber } from '../options.js';

export interface SupernetTrainOptions {
  readonly runDir: string;
  readonly dataset: string;
  readonly dataDir?: string;
  readonly space: string;
  readonly epochs: number;
  readonly batchSize: number;
  readonly lr: number;
  readonly warmupEpochs: number;
  readonly sandwich: number;
  readonly distill: boolean;
  readonly labelSmoothing: number;
  readonly trainImages?: number;
  readonly seed: number;
  readonly backend?: string;
  readonly [augmentFlag: string]: unknown;
}

export async function supernetTrain(options: SupernetTrainOptions, log: (line: string) => void): Promise<string> {
  const backend = await initBackend(options.backend === undefined ? undefined : parseBackendChoice(options.backend));
  log(`backend ${backend.backend}`);
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
    warmupEpochs: Math.min(options.warmupEpochs, options.epochs - 1),
    sandwich: options.sandwich,
    distill: options.distill,
    labelSmoothing: options.labelSmoothing,
    nesterov: true,
    trainImages: options.trainImages ?? null,
    augment,
  };
  const store = Store.open(options.runDir);
  try {
    const record = await trainSupernetPhase(store, settings, { log });
    return `supernet v${record.version} in ${options.runDir}: ${settings.epochs} epoch${settings.epochs === 1 ? "" : "s"} on ${settings.dataset} (${space.name})`;
  } finally {
    store.close();
  }
}

export function registerSupernetCommands(program: Command, print: (text: string) => void): void {
  const supernet = program.command('supernet').description('train the weight-sharing supernet of a run');
  const train = supernet
    .command('train')
    .description('train a supernet into a run directory, checkpointing every epoch (run again to resume)')
    .requiredOption('--run-dir <dir>', 'the run directory whose store receives the checkpoints')
    .option('--dataset <name>', 'dataset (see evo-nas data list)', 'fashion-mnist-mini')
    .option('--data-dir <dir>', 'a folder holding datasets (searched first)')
    .addOption(new Option('--space <name>', 'search space').choices([...SPACES.keys()]).default(DEFAULT_SPACE_NAME))
    .option('--epochs <n>', 'epochs of training', wholeNumber(1), 5)
    .option('--batch-size <n>', 'images per step', wholeNumber(1), 64)
    .option('--lr <rate>', 'peak learning rate (cosine annealing after warm-up)', positiveNumber, 0.1)
    .option('--warmup-epochs <n>', 'epochs of linear warm-up', wholeNumber(0), 1)
    .option('--sandwich <n>', 'random subnets per step beside the largest and smallest', wholeNumber(0, 16), 2)
    .option('--no-distill', 'train every subnet on the labels instead of the largest subnet\'s output')
    .option('--label-smoothing <e>', 'label smoothing for the largest subnet', (v) => Number(v), 0)
    .option('--train-images <n>', 'use only the first N training images', wholeNumber(1))
    .option('--seed <seed>', 'random seed (0 to 4294967295)', wholeNumber(0, MAX_SEED), 0)
    .option('--backend <name>', 'TensorFlow.js backend: auto, node-gpu, node, wasm or cpu');
  addAugmentOptions(train);
  train
    .action(async (options: SupernetTrainOptions) => print(await supernetTrain(options, print)))
    .addHelpText('after', '\nExample:\n  evo-nas supernet train --run-dir runs/fmnist --epochs 10 --cutout 8\n  evo-nas run --run-dir runs/fmnist --generations 50');
}
