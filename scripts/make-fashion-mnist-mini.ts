/**
 * Regenerates the bundled dataset assets/datasets/fashion-mnist-mini from the full Fashion-MNIST:
 *
 *   apt-get install dataset-fashion-mnist        # or any folder with the four idx files
 *   npm run data:make-mini -- [--from /usr/share/datasets/fashion-mnist] [--out assets/datasets/fashion-mnist-mini]
 *
 * The same input gives byte-identical files (seeded sample, deterministic brotli). Takes about
 * 40 s: brotli's highest quality is slow to compress, fast to read.
 */
import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildMiniFiles } from '../src/data/mini.js';
import { FASHION_MNIST_CLASSES, readIdxDataset } from '../src/data/mnist.js';

const { values } = parseArgs({
  options: {
    from: { type: 'string', default: '/usr/share/datasets/fashion-mnist' },
    out: { type: 'string', default: 'assets/datasets/fashion-mnist-mini' },
  },
});
const from = values.from as string;
const out = values.out as string;

const full = await readIdxDataset(from, 'fashion-mnist', FASHION_MNIST_CLASSES);
const files = buildMiniFiles(full);
// Write the data files beside the existing README/LICENCE atomically: each file via a temp name.
await mkdir(out, { recursive: true });
const staging = await mkdtemp(join(dirname(out), '.fashion-mnist-mini-'));
try {
  for (const [name, bytes] of files) await writeFile(join(staging, name), bytes);
  for (const name of files.keys()) await rename(join(staging, name), join(out, name));
} finally {
  await rm(staging, { recursive: true, force: true });
}
const total = [...files.values()].reduce((n, bytes) => n + bytes.length, 0);
console.log(JSON.stringify({ from, out, files: Object.fromEntries([...files].map(([name, bytes]) => [name, bytes.length])), totalBytes: total }));
