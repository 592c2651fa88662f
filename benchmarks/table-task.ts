/**
 * Seconds of one `evo-nas table build` training (one task: build, train, measure on the test
 * split) for the smallest and the largest genome of a space, so a ground-truth job can be sized:
 * a build takes about architectures x seeds x (mean task seconds) / workers. Prints one JSON
 * object (progress on stderr).
 *
 *   npm run bench:table-task -- [--space resnet20-cvpr2021] [--dataset fashion-mnist-mini] [--epochs 1] [--batch 128] [--crop-flip]
 *
 * It trains in this thread on the wasm backend, with the cifar10 recipe scaled to the epochs
 * (every training image, the whole test split), exactly as a pool worker does.
 */
import { availableParallelism, cpus } from 'node:os';
import { loadTrainingDataset } from '../src/model-training/epochs.js';
import { epochSettingsFromFlags } from '../src/model-training/flags.js';
import { trainGenome } from '../src/model-training/train-genome.js';
import type { TrainingEvalSpec } from '../src/ground-truth/plan.js';
import { initBackend } from '../src/nn/backend.js';
import { formatGenome, getSpace, largestGenome, smallestGenome } from '../src/space/index.js';

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

const space = getSpace(flag('--space', 'resnet20-cvpr2021'));
const dataset = flag('--dataset', 'fashion-mnist-mini');
const epochs = Number(flag('--epochs', '1'));
const batch = Number(flag('--batch', '128'));
const cropFlip = process.argv.includes('--crop-flip');

const backend = await initBackend('wasm');
const training = epochSettingsFromFlags({ dataset, recipe: 'cifar10', epochs, batchSize: batch, labelSmoothing: 0, validation: 'test', seed: 0, cropFlip });
const spec: TrainingEvalSpec = { kind: 'training', space: space.name, shortcut: space.shortcut, ...training };
const data = await loadTrainingDataset(spec);
const tasks = [];
for (const [which, genome] of [['smallest', smallestGenome(space)], ['largest', largestGenome(space)]] as const) {
  process.stderr.write(`training the ${which} genome ${formatGenome(genome)} for ${epochs} epoch(s)\n`);
  const metrics = await trainGenome(genome, spec, data);
  tasks.push({ which, genome: formatGenome(genome), params: metrics.params, seconds: metrics.ms / 1000, testTop1: metrics.accuracy });
}
process.stdout.write(
  `${JSON.stringify(
    {
      backend: backend.tfBackend,
      space: space.name,
      dataset,
      trainImages: data.train.count,
      testImages: data.test.count,
      epochs,
      batch,
      cropFlip,
      cpu: cpus()[0]?.model ?? 'unknown',
      cores: availableParallelism(),
      tasks,
    },
    null,
    2,
  )}\n`,
);
