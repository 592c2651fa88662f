/**
 * The commands whose work needs TensorFlow.js: `train`, `supernet train`, `export`, `predict`,
 * `doctor` and `zoo` (registered one by one through ./command-index.ts).
 * Their flags are declared here, with nothing heavy imported; each action loads its
 * implementation (and so TensorFlow.js, about a quarter of a second) only when it runs, so that
 * `space`, `data`, `run --evaluator table:...` and every --help start without it.
 */
import { Option, type Command } from 'commander';
import { addAugmentOptions } from '../augment/options.js';
import { DEFAULT_SPACE_NAME, SPACES } from '../space/index.js';
import { addBackendOption } from './backend-option.js';
import type { DoctorOptions } from './commands/doctor.js';
import type { ExportOptions } from './commands/export.js';
import { PREDICT_FORMATS, PREDICT_METRICS } from './commands/predict-choices.js';
import type { PredictOptions } from './commands/predict.js';
import type { SupernetTrainOptions } from './commands/supernet.js';
import type { TrainCommandOptions } from './commands/train.js';
import type { ZooShowOptions } from './commands/zoo.js';
import type { ZooListOptions } from './commands/zoo-list.js';
import { imageSize, wholeNumber } from './options.js';
import { progressReporter as stepProgress } from './progress.js';
import { DEFAULT_SHARDS } from '../train/shards.js';
import { addTrainingOptions, recipeList } from './training-options.js';
import { addSettings } from '../settings/commander.js';
import { SEED } from '../settings/common.js';
import { DATA_DIR, DATASET, TRAIN_IMAGES } from '../settings/data.js';
import { QUEUE, WORKERS } from '../settings/evaluation.js';
import { withDefault } from '../settings/setting.js';
import { DISTILL, SAMPLING, SANDWICH } from '../settings/supernet.js';
import { BATCH_SIZE, EPOCHS, INIT, LABEL_SMOOTHING, LR, WARMUP_EPOCHS } from '../settings/training.js';

type Print = (text: string) => void;
const json = () => new Option('--json', 'print JSON instead of text');
const shardsOption = () =>
  new Option('--shards <n>', 'equal shards per batch for data-parallel training, each with its own BN batch statistics (part of the result; --workers is not)')
    .argParser(wholeNumber(1, 256))
    .default(DEFAULT_SHARDS);
const TRAINING_WORKERS = { ...WORKERS, help: 'training worker threads, each computing whole shards; 0 trains on the main thread' };

export function registerTrain(program: Command, print: Print, printErr: Print): void {
  const command = program
    .command('train')
    .description('train a zoo architecture, or retrain one exported by a search, checkpointing every epoch (run again to resume)')
    .requiredOption('--model <name-or-entry>', 'a zoo architecture (evo-nas zoo list) or a folder written by evo-nas export')
    .option('--run-dir <dir>', 'where checkpoints go (default runs/train-MODEL-DATASET-seedSEED)')
    .addOption(shardsOption());
  addSettings(addTrainingOptions(command), [INIT, TRAINING_WORKERS]).addOption(json());
  addBackendOption(command)
    .action(async (options: TrainCommandOptions) => {
      const { trainCommand } = await import('./commands/train.js');
      const log = options.json ? printErr : print;
      // Steps on a terminal only: in a log file the epoch lines are the progress.
      const bar = process.stderr.isTTY ? stepProgress(process.stderr, 'images') : undefined;
      const onStep = (epoch: number, done: number, total: number) => bar?.update(`epoch ${epoch} steps`, done, total);
      try {
        print(await trainCommand(options, { log: (line) => (bar?.stop(), log(line)), onStep }));
      } finally {
        bar?.stop();
      }
    })
    .addHelpText('after', `\nRecipes:\n${recipeList()}\n\nExamples:\n  evo-nas train --model resnet20 --dataset cifar10 --cutout 16\n  evo-nas train --model resnet18 --dataset cifar100 --recipe cifar100\n  evo-nas train --model mobilenetv2-kuangliu --dataset cifar10 --batch-size 128 --shards 8 --workers 2   # 16 images per shard: less memory per thread\n  evo-nas train --model zoo/fmnist-1a2b3c4d --dataset fashion-mnist-mini --epochs 30   # an exported search entry`);
}

export function registerSupernetTrain(program: Command, print: Print): void {
  const supernet = program.command('supernet').description('train the weight-sharing supernet of a run');
  const train = supernet
    .command('train')
    .description('train a supernet into a run directory, checkpointing every epoch (run again to resume)')
    .requiredOption('--run-dir <dir>', 'the run directory whose store receives the checkpoints')
    .addOption(new Option('--space <name>', 'search space').choices([...SPACES.keys()]).default(DEFAULT_SPACE_NAME))
    .addOption(shardsOption());
  addSettings(train, [
    DATASET,
    DATA_DIR,
    withDefault(EPOCHS, 5),
    BATCH_SIZE,
    { ...LR, help: 'peak learning rate (cosine annealing after warm-up)' },
    { ...WARMUP_EPOCHS, default: undefined, defaultText: '1, or 0 for one epoch' },
    SANDWICH,
    SAMPLING,
    DISTILL,
    { ...LABEL_SMOOTHING, help: 'label smoothing for the largest subnet' },
    TRAIN_IMAGES,
    TRAINING_WORKERS,
    SEED,
  ]);
  addAugmentOptions(addBackendOption(train))
    .action(async (options: SupernetTrainOptions) => {
      const { supernetTrain } = await import('./commands/supernet.js');
      print(await supernetTrain(options, print));
    })
    .addHelpText('after', '\nExample:\n  evo-nas supernet train --run-dir runs/fmnist --epochs 10 --cutout 8 --workers 2\n  evo-nas run --run-dir runs/fmnist --generations 50');
}

export function registerExport(program: Command, print: Print): void {
  const command = program
    .command('export')
    .description("write a run's architectures as model-zoo entries (entry.json + a TensorFlow.js model with inherited weights)")
    .argument('<run-dir>', 'the run directory')
    .option('--pareto', 'every architecture of the current Pareto front')
    .option('--top <k>', 'the K most accurate architectures of the front', wholeNumber(1))
    .option('--max-params <n>', 'only architectures with at most N parameters', wholeNumber(1))
    .option('--to <dir>', 'the folder receiving one sub-folder per entry', 'zoo')
    .option('--force', 'replace entries that already exist');
  addBackendOption(command)
    .action(async (runDir: string, options: ExportOptions) => {
      const { exportRun } = await import('./commands/export.js');
      print(await exportRun(runDir, options, print));
    })
    .addHelpText('after', '\nExample:\n  evo-nas export runs/nsga2-seed0 --pareto --max-params 100000 --to zoo');
}

export function registerPredict(program: Command, print: Print, printErr: Print): void {
  const command = program
    .command('predict')
    .description("score architectures with a run's supernet, as the search measures candidates (BN recalibrated), for evo-nas correlate")
    .argument('<run-dir>', 'a run directory holding a trained supernet (evo-nas run or evo-nas supernet train)')
    .requiredOption('--archs <file>', 'the architectures: a challenge submission {"arch1": {"arch": "16-...", ...}} or a table keyed by genome text')
    .option('--out <file>', 'write the scores here (default: print them)')
    .addOption(new Option('--metric <kind>', 'the score: validation accuracy in percent, or minus the validation loss').choices([...PREDICT_METRICS]).default('accuracy'))
    .addOption(new Option('--format <kind>', 'write a challenge submission or a table keyed by genome text').choices([...PREDICT_FORMATS]).default('submission'))
    .option('--workers <n>', "evaluator worker threads; 0 scores in this thread, or with --queue only on the queue's workers (default: every core, or 0 with --queue)", wholeNumber(0, 256))
    .option('--validation-images <n>', "validation images per architecture (default: the run's, else 1000)", wholeNumber(1))
    .option('--recalibration-batches <n>', "training batches to recalibrate BN (default: the run's, else 2)", wholeNumber(1))
    .option('--batch-size <n>', "images per batch (default: the run's, else 64)", wholeNumber(1))
    .option('--data-dir <dir>', 'a folder holding datasets (searched first)');
  addSettings(command, [{ ...QUEUE, help: 'score on evo-nas workers through this Redis (redis://[:PASSWORD@]HOST[:PORT][/DB]); the supernet\'s weights are published to it; with --workers N this host scores too', defaultText: 'none: score on this host' }]);
  addBackendOption(command)
    .action(async (runDir: string, options: PredictOptions) => {
      const { predict } = await import('./commands/predict.js');
      print(await predict(runDir, options, options.out === undefined ? printErr : print));
    })
    .addHelpText(
      'after',
      '\nExample:\n  evo-nas predict runs/nsga2-seed0 --archs truth.json --out predicted.json\n  evo-nas correlate predicted.json truth.json\n' +
        '  evo-nas predict runs/nsga2-seed0 --archs truth.json --out predicted.json --queue redis://10.0.0.5:6379   # scored by evo-nas workers',
    );
}

export function registerDoctor(program: Command, print: Print): void {
  const command = program
    .command('doctor')
    .description('check the TensorFlow.js backends: which load, which is chosen, threads, SIMD, versions')
    .option('--json', 'print JSON instead of text');
  addBackendOption(command).action(async (options: DoctorOptions) => {
    const { doctor } = await import('./commands/doctor.js');
    print(await doctor(options));
  });
}

export function registerZoo(program: Command, print: Print): void {
  const zoo = program.command('zoo').description('the model zoo: CIFAR architectures matching their PyTorch references');
  zoo
    .command('list')
    .description('every architecture with its parameters and MACs for 10 and 100 classes (32x32x3 input)')
    .option('--family <family>', 'only this family (e.g. resnet, densenet, vit)')
    .option('--entries [dir]', 'list the architectures exported by searches into DIR instead (default: zoo)')
    .addOption(json())
    .action(async (options: ZooListOptions & { entries?: string | true }) => {
      // Counted once at build time (src/zoo/list-cache.ts): no tensors, no progress to show.
      const { zooEntries, zooList } = await import('./commands/zoo-list.js');
      print(options.entries === undefined ? await zooList(options) : zooEntries(options.entries === true ? 'zoo' : options.entries, options.json));
    })
    .addHelpText('after', '\nMACs count convolutions and dense layers (see README "Model zoo").\nExamples:\n  evo-nas zoo list --family resnet --json\n  evo-nas zoo list --entries zoo      # what evo-nas export wrote there');

  zoo
    .command('show')
    .description('one architecture: its reference, size and layer-by-layer summary')
    .argument('<name>', 'architecture name, as in "evo-nas zoo list", or a folder written by evo-nas export')
    .option('--classes <count>', 'output classes (default 10, or what an exported entry was searched for)', wholeNumber(1))
    .option('--input-size <side>', 'input side, or height x width like 32x48', imageSize)
    .option('--input-channels <count>', 'input channels', wholeNumber(1))
    .addOption(json())
    .action(async (name: string, options: ZooShowOptions) => {
      const { zooShow } = await import('./commands/zoo.js');
      print(await zooShow(name, options));
    })
    .addHelpText('after', '\nExamples:\n  evo-nas zoo show resnet20 --classes 100\n  evo-nas zoo show zoo/fmnist-1a2b3c4d   # an exported search entry');
}
