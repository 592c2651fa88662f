/**
 * Throughput of the data pipeline without augmentation, on one core, printed as JSON: batch
 * assembly (shuffle + gather + one-hot), normalisation to float32, and loading the bundled
 * dataset. Augmentation throughput is `npm run bench:data-pipeline`'s job.
 *
 *   npm run bench:data-batches
 */
import { epochBatches } from '../src/data/batches.js';
import type { Dataset } from '../src/data/dataset.js';
import { loadDataset } from '../src/data/load.js';
import { normaliseBatch } from '../src/data/normalise.js';
import { syntheticDataset } from '../src/data/synthetic.js';
import { Rng } from '../src/random/rng.js';

const rng = Rng.fromSeed(0).fork('bench-data-batches');

/** Images per second over whole epochs, repeated for about `seconds`. */
function imagesPerSecond(data: Dataset, batchSize: number, normalise: boolean, seconds = 1): number {
  let images = 0;
  const start = process.hrtime.bigint();
  for (let epoch = 0; Number(process.hrtime.bigint() - start) / 1e9 < seconds; epoch++) {
    for (const batch of epochBatches(data.train, epoch, rng, { batchSize, classes: data.classNames.length })) {
      if (normalise) normaliseBatch(batch, data);
      images += batch.count;
    }
  }
  return Math.round(images / (Number(process.hrtime.bigint() - start) / 1e9));
}

const loadStart = process.hrtime.bigint();
const mini = await loadDataset('fashion-mnist-mini');
const loadSeconds = Number(process.hrtime.bigint() - loadStart) / 1e9;
const cifarShaped = syntheticDataset({ trainCount: 10_000, testCount: 0 });

console.log(
  JSON.stringify({
    batch_size: 128,
    images_per_s: {
      cifar_shape_32x32x3_batches: imagesPerSecond(cifarShaped, 128, false),
      cifar_shape_32x32x3_batches_normalised: imagesPerSecond(cifarShaped, 128, true),
      fashion_mnist_mini_28x28x1_batches_normalised: imagesPerSecond(mini, 128, true),
    },
    fashion_mnist_mini_load_s: Number(loadSeconds.toFixed(3)),
  }),
);
