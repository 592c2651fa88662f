/**
 * Throughput of the augmentation pipelines on one core, printed as JSON: images per second for
 * CIFAR-shaped batches (128 x 32x32x3, synthetic uint8 pixels from a seeded Rng) through
 * crop + flip + Cutout 16 (the standard recipe) and through AutoAugment + crop + flip + Cutout 16
 * (the AutoAugment paper's recipe). Each figure is the median of 3 timed runs. Data must never
 * bound training: the target for crop + flip + Cutout is at least 20,000 images/s.
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

/** Images per second through `config`'s pipeline, timed over about `seconds` after a warm-up. */
function imagesPerSecond(config: AugmentConfig, batches: readonly ImageBatch[], seconds = 1): number {
  const augment = buildAugmentation(config);
  const rng = Rng.fromSeed(1).fork('bench-data-pipeline');
  for (let i = 0; i < 20; i++) augment(batches[i % batches.length]!, rng);
  let images = 0;
  const start = process.hrtime.bigint();
  const limit = BigInt(Math.round(seconds * 1e9));
  while (process.hrtime.bigint() - start < limit) {
    augment(batches[images % batches.length]!, rng);
    images += COUNT;
  }
  return Math.round(images / (Number(process.hrtime.bigint() - start) / 1e9));
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
const figures: Record<string, { images_per_s: number; runs: number[] }> = {};
for (const [name, config] of Object.entries(pipelines)) {
  const runs = [0, 1, 2].map(() => imagesPerSecond(config, batches));
  figures[name] = { images_per_s: median(runs), runs };
}
console.log(JSON.stringify({ batch: `${COUNT}x${SIDE}x${SIDE}x${CHANNELS}`, threads: 1, pipelines: figures }));
