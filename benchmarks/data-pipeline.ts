/**
 * Throughput of the augmentation pipelines on one core, printed as JSON: images per second for
 * CIFAR-shaped batches (128 x 32x32x3, synthetic uint8 pixels from a seeded Rng) through
 * crop + flip + Cutout 16 (the standard recipe) and through AutoAugment + crop + flip + Cutout 16
 * (the AutoAugment paper's recipe), and two more. Each figure is the median of 3 runs of about
 * a second, per second of this process's CPU time (what one core delivers even when other work
 * shares the machine) and per second of wall time. Data must never bound training: the target
 * for crop + flip + Cutout is at least 20,000 images/s on one core.
 *
 *   npm run bench:data-pipeline
 */
import { buildAugmentation, type AugmentConfig } from '../src/augment/index.js';
import type { ImageBatch } from '../src/data/batch.js';
import { Rng } from '../src/random/rng.js';

const [COUNT, SIDE, CHANNELS, CLASSES] = [128, 32, 3, 10];

function syntheticBatch(rng: Rng): ImageBatch {
  const images = new Uint8Array(COUNT * SIDE * SIDE * CHANNELS);
  for (let k = 0; k < images.length; k++) images[k] = rng.int(256);
  const labels = new Float32Array(COUNT * CLASSES);
  for (let i = 0; i < COUNT; i++) labels[i * CLASSES + rng.int(CLASSES)] = 1;
  return { images, count: COUNT, height: SIDE, width: SIDE, channels: CHANNELS, labels, classes: CLASSES };
}

interface Rate {
  /** Images per second of this process's CPU time: what one core delivers, whatever else runs. */
  readonly cpu: number;
  /** Images per second of wall-clock time: lower when other processes share the core. */
  readonly wall: number;
}

/** Throughput of `config`'s pipeline, timed over about `seconds` of wall time after a warm-up. */
function throughput(config: AugmentConfig, batches: readonly ImageBatch[], seconds = 1): Rate {
  const augment = buildAugmentation(config);
  const rng = Rng.fromSeed(1).fork('bench-data-pipeline');
  for (let i = 0; i < 20; i++) augment(batches[i % batches.length]!, rng);
  let images = 0;
  const cpuStart = process.cpuUsage();
  const start = process.hrtime.bigint();
  const limit = BigInt(Math.round(seconds * 1e9));
  while (process.hrtime.bigint() - start < limit) {
    augment(batches[images % batches.length]!, rng);
    images += COUNT;
  }
  const wallSeconds = Number(process.hrtime.bigint() - start) / 1e9;
  const cpu = process.cpuUsage(cpuStart);
  return { cpu: Math.round(images / ((cpu.user + cpu.system) / 1e6)), wall: Math.round(images / wallSeconds) };
}

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
}

const rng = Rng.fromSeed(0).fork('bench-batches');
const batches = Array.from({ length: 8 }, () => syntheticBatch(rng));
const pipelines: Record<string, AugmentConfig> = {
  crop_flip_cutout: { cropFlip: true, cutout: 16 },
  autoaugment_crop_flip_cutout: { autoAugment: true, cropFlip: true, cutout: 16 },
  randaugment_2_9_crop_flip: { randAugment: { ops: 2, magnitude: 9 }, cropFlip: true },
  crop_flip_cutmix: { cropFlip: true, cutmix: 1 },
};
const figures: Record<string, { images_per_cpu_s: number; images_per_wall_s: number; runs_cpu: number[]; runs_wall: number[] }> = {};
for (const [name, config] of Object.entries(pipelines)) {
  const runs = [0, 1, 2].map(() => throughput(config, batches));
  const [cpu, wall] = [runs.map((r) => r.cpu), runs.map((r) => r.wall)];
  figures[name] = { images_per_cpu_s: median(cpu), images_per_wall_s: median(wall), runs_cpu: cpu, runs_wall: wall };
}
console.log(JSON.stringify({ batch: `${COUNT}x${SIDE}x${SIDE}x${CHANNELS}`, threads: 1, target_crop_flip_cutout: 20_000, pipelines: figures }));
