/**
 * Training and inference speed of the standard ResNet20 on the current backend, printed as JSON:
 * the same work as ../shared/bench/torch_resnet20.py does in PyTorch (batch 64 of random 32x32x3
 * images, 10 classes, projection shortcuts where shapes change, SGD step; inference at batch 256),
 * plus one sandwich step of the supernet (largest + smallest + 2 random subnets, distillation).
 *
 *   npm run bench:train-step                 # EVO_NAS_BACKEND=wasm|cpu|node|node-gpu to choose
 *   npm run bench:train-step -- --steps 20 --profile
 */
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../src/nn/backend.js';
import { Rng } from '../src/random/rng.js';
import { getSpace, largestGenome, sandwichGenomes } from '../src/space/index.js';
import { fixedSpace } from '../src/supernet/extract.js';
import { Supernet } from '../src/supernet/supernet.js';
import { sandwichStep } from '../src/supernet/sandwich.js';
import type { TrainBatch } from '../src/train/batch.js';
import { Sgd } from '../src/train/sgd.js';

const args = process.argv.slice(2);
const steps = Number(args[args.indexOf('--steps') + 1] ?? 10) || 10;
const profile = args.includes('--profile');

const backend = await initBackend();
const challenge = getSpace();
const resnet20 = largestGenome(challenge);
const rng = Rng.fromSeed(0).fork('bench-train-step');

function randomBatch(size: number): TrainBatch {
  return tf.tidy(() => ({
    x: tf.randomNormal([size, 32, 32, 3], 0, 1, 'float32', rng.seed32()) as tf.Tensor4D,
    targets: tf.oneHot(tf.randomUniform([size], 0, 10, 'int32', rng.seed32()) as tf.Tensor1D, 10).toFloat() as tf.Tensor2D,
  }));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Median milliseconds of `run` over `steps` timed calls after two warm-up calls. */
async function timeMs(run: () => Promise<void> | void): Promise<number> {
  for (let i = 0; i < 2; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < steps; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  return median(times);
}

/** The standard ResNet20 as a standalone network: the supernet over its one-genome space. */
const model = Supernet.create(fixedSpace(challenge, resnet20), { classes: 10, inputChannels: 3, shortcut: 'needed' }, rng.fork('model'));
const optimizer = new Sgd(model.trainableVariables(), { momentum: 0.9, weightDecay: 5e-4 });
const batch = randomBatch(64);
const stepOptions = { lr: 0.05, labelSmoothing: 0, distill: false };
const trainMs = await timeMs(() => {
  sandwichStep(model, optimizer, batch, [resnet20], stepOptions);
});

const inferBatch = randomBatch(256);
const inferMs = await timeMs(async () => {
  const logits = model.forward(inferBatch.x, resnet20, { training: false });
  await logits.data();
  logits.dispose();
});

let kernels: { name: string; ms: number }[] | undefined;
if (profile) {
  const info = await tf.profile(() => {
    sandwichStep(model, optimizer, batch, [resnet20], stepOptions);
  });
  const byKernel = new Map<string, number>();
  for (const k of info.kernels) byKernel.set(k.name, (byKernel.get(k.name) ?? 0) + Number(k.kernelTimeMs));
  kernels = [...byKernel].map(([name, ms]) => ({ name, ms: Math.round(ms) })).sort((a, b) => b.ms - a.ms).slice(0, 15);
}

const supernet = Supernet.create(challenge, { classes: 10, inputChannels: 3, shortcut: 'always' }, rng.fork('supernet'));
const supernetOptimizer = new Sgd(supernet.trainableVariables());
let sandwichIndex = 0;
const sandwichMs = await timeMs(() => {
  const genomes = sandwichGenomes(challenge, 2, rng.fork(`sandwich-${sandwichIndex++}`));
  sandwichStep(supernet, supernetOptimizer, batch, genomes, { lr: 0.05, labelSmoothing: 0, distill: true });
});

console.log(
  JSON.stringify({
    backend: backend.backend,
    model: 'resnet20 (standard, projection when needed, 10 classes)',
    batch: 64,
    ms_per_step: Math.round(trainMs),
    train_images_per_s: Math.round((64 * 1000) / trainMs),
    infer_images_per_s: Math.round((256 * 1000) / inferMs),
    sandwich: { subnets: 4, ms_per_step: Math.round(sandwichMs) },
    steps_timed: steps,
    ...(kernels ? { profile_top_kernels_ms: kernels } : {}),
  }),
);
