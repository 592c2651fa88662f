/**
 * Data-parallel supernet training speed, printed as JSON: images per second of sandwich steps
 * (largest + smallest + 2 random subnets, in-place distillation; 28x28x1 images, 10 classes, batch
 * 64, the challenge space, as ../shared/bench/torch_supernet.py) with 1 worker and with every core,
 * and the speedup. The worker counts are measured in turns (1, N, 1, N, ...) in one sitting, each
 * turn a few steps after warm-up, and the medians reported, so that a machine shared with other
 * work slows every count alike; `load` is the load average before and after.
 *
 *   npm run bench:supernet
 *   npm run bench:supernet -- --repeats 7 --steps 4 --shards 4 --workers 1,2,4
 */
import { availableParallelism, loadavg } from 'node:os';
import { initBackend } from '../src/nn/backend.js';
import { Rng } from '../src/random/rng.js';
import { getSpace, sandwichGenomes } from '../src/space/index.js';
import { DataParallelTrainer } from '../src/supernet/data-parallel.js';
import { DEFAULT_SHARDS } from '../src/train/shards.js';
import { Supernet } from '../src/supernet/supernet.js';
import { Sgd } from '../src/train/sgd.js';
import type { ArrayBatch } from '../src/train/tensor-batches.js';

const args = process.argv.slice(2);
const flag = (name: string, fallback: string) => (args.includes(name) ? (args[args.indexOf(name) + 1] as string) : fallback);
const steps = Number(flag('--steps', '4'));
const repeats = Number(flag('--repeats', '5'));
const shards = Number(flag('--shards', String(DEFAULT_SHARDS)));
const batchSize = Number(flag('--batch', '64'));
const workerCounts = flag('--workers', [...new Set([1, availableParallelism()])].join(',')).split(',').map(Number);

const backend = await initBackend();
const space = getSpace();
const rng = Rng.fromSeed(0).fork('bench-supernet');
const CLASSES = 10;

function randomBatch(): ArrayBatch {
  const data = Float32Array.from({ length: batchSize * 28 * 28 }, () => 2 * rng.float() - 1);
  const labels = new Float32Array(batchSize * CLASSES);
  for (let n = 0; n < batchSize; n++) labels[n * CLASSES + rng.int(CLASSES)] = 1;
  return { data, shape: [batchSize, 28, 28, 1], labels, labelShape: [batchSize, CLASSES] };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

const batch = randomBatch();
const stepOptions = { lr: 0.05, labelSmoothing: 0, distill: true };
const trainers = workerCounts.map((workers) => {
  const supernet = Supernet.create(space, { classes: CLASSES, inputChannels: 1, shortcut: space.shortcut }, rng.fork('init'));
  const optimizer = new Sgd(supernet.trainableVariables(), { nesterov: true });
  return { workers, optimizer, trainer: new DataParallelTrainer(supernet, optimizer, { shards, workers }), rates: [] as number[] };
});
const loadBefore = loadavg();
let step = 0;
const run = async (trainer: DataParallelTrainer) => {
  await trainer.step(batch, sandwichGenomes(space, 2, rng.fork(`step-${step++}`)), stepOptions);
};
for (const { trainer } of trainers) for (let i = 0; i < 2; i++) await run(trainer); // workers start, kernels warm up
for (let repeat = 0; repeat < repeats; repeat++) {
  for (const entry of trainers) {
    const start = performance.now();
    for (let i = 0; i < steps; i++) await run(entry.trainer);
    entry.rates.push((steps * batchSize) / ((performance.now() - start) / 1000));
  }
}
const loadAfter = loadavg();
for (const { trainer, optimizer } of trainers) {
  await trainer.close();
  optimizer.dispose();
  trainer.supernet.dispose();
}

const results = trainers.map(({ workers, rates }) => ({ workers, shards, images_per_s: Math.round(median(rates) * 10) / 10, runs: rates.map((r) => Math.round(r)) }));
const [first, last] = [results[0], results.at(-1)];
console.log(
  JSON.stringify(
    {
      benchmark: 'supernet-data-parallel',
      backend: backend.backend,
      simd: backend.simd ?? null,
      cores: availableParallelism(),
      batch: batchSize,
      subnets_per_step: 4,
      input: [28, 28, 1],
      steps_per_run: steps,
      repeats,
      load: { before: loadBefore.map((l) => Math.round(l * 100) / 100), after: loadAfter.map((l) => Math.round(l * 100) / 100) },
      results,
      speedup: first && last ? Math.round((last.images_per_s / first.images_per_s) * 100) / 100 : null,
    },
    null,
    2,
  ),
);
