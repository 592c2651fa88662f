import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import t from 'tap';
import { BUNDLED_DIR, DEFAULT_DATASET } from '../../src/data/catalogue.js';
import { loadDataset } from '../../src/data/load.js';
import { buildMiniFiles } from '../../src/data/mini.js';
import { FASHION_MNIST_CLASSES } from '../../src/data/mnist.js';
import { classHistogram } from '../../src/data/stats.js';
import { syntheticDataset } from '../../src/data/synthetic.js';

t.test('the bundled default is a balanced 10,000 + 2,000 Fashion-MNIST subset under 5 MB', async (t) => {
  t.equal(DEFAULT_DATASET, 'fashion-mnist-mini');
  const files = await readdir(BUNDLED_DIR);
  t.ok(files.includes('LICENSE') && files.includes('README.md'), 'credited next to the data');
  const sizes = await Promise.all(files.map(async (f) => (await stat(join(BUNDLED_DIR, f))).size));
  const total = sizes.reduce((a, b) => a + b, 0);
  t.ok(total <= 5_000_000, `${total} bytes`);
  // No source folders are configured: the bundled set needs none.
  const data = await loadDataset('fashion-mnist-mini', { sources: { env: {}, home: '/nonexistent', system: '/nonexistent' } });
  t.match(data, { height: 28, width: 28, channels: 1, classNames: FASHION_MNIST_CLASSES, location: { source: 'bundled' } });
  t.same(classHistogram(data.train.labels, 10), new Array(10).fill(1000));
  t.same(classHistogram(data.test.labels, 10), new Array(10).fill(200));
  // Fashion-MNIST's published statistics are mean 0.2860, std 0.3530; a stratified sample is close.
  t.ok(Math.abs(data.mean[0]! - 0.286) < 0.005 && Math.abs(data.std[0]! - 0.353) < 0.005, `mean ${data.mean}, std ${data.std}`);
});

t.test('the builder takes a seeded stratified sample and writes idx files compressed with brotli', async (t) => {
  const full = syntheticDataset({ classes: 4, channels: 1, height: 3, width: 3, trainCount: 40, testCount: 20, seed: 2 });
  const files = buildMiniFiles(full, { trainPerClass: 3, testPerClass: 2 }, 7);
  t.same([...files.keys()], ['train-images-idx3-ubyte.br', 'train-labels-idx1-ubyte.br', 't10k-images-idx3-ubyte.br', 't10k-labels-idx1-ubyte.br']);
  const labels = brotliDecompressSync(files.get('train-labels-idx1-ubyte.br')!);
  t.same(Array.from(labels.subarray(0, 8)), [0, 0, 8, 1, 0, 0, 0, 12], 'idx1 header for 12 labels');
  t.same(classHistogram(labels.subarray(8), 4), [3, 3, 3, 3]);
  const images = brotliDecompressSync(files.get('t10k-images-idx3-ubyte.br')!);
  t.equal(images.length, 16 + 8 * 9);
  // Each chosen image's bytes are the source image's bytes.
  const sourceImages = new Set(Array.from({ length: 20 }, (_, i) => Buffer.from(full.test.images.subarray(i * 9, i * 9 + 9)).toString('hex')));
  for (let k = 0; k < 8; k++) t.ok(sourceImages.has(images.subarray(16 + k * 9, 25 + k * 9).toString('hex')), `image ${k} comes from the source`);
  const again = buildMiniFiles(full, { trainPerClass: 3, testPerClass: 2 }, 7);
  t.ok([...files].every(([name, bytes]) => Buffer.from(bytes).equals(Buffer.from(again.get(name)!))), 'byte-identical when rebuilt');
});
