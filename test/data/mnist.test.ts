import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import t from 'tap';
import { DataError } from '../../src/errors/errors.js';
import { FASHION_MNIST_CLASSES, readIdxDataset } from '../../src/data/mnist.js';
import { idxBytes, pixel, tempDir, writeIdxDataset } from '../helpers/datasets.js';

t.test('idx files, gzipped or not, read as NHWC images with one channel and their labels', async (t) => {
  for (const gzip of [true, false]) {
    const dir = await tempDir(t);
    await writeIdxDataset(dir, { train: 30, test: 12, gzip });
    const data = await readIdxDataset(dir, 'fashion-mnist', FASHION_MNIST_CLASSES);
    t.match(data, { height: 28, width: 28, channels: 1, classNames: FASHION_MNIST_CLASSES });
    t.equal(data.train.count, 30);
    t.equal(data.test.count, 12);
    t.equal(data.train.images.length, 30 * 784);
    t.equal(data.train.images[5 * 784 + 100], pixel(5, 100, 0), `pixel of image 5 (gzip ${gzip})`);
    t.same(Array.from(data.test.labels.slice(0, 12)), Array.from({ length: 12 }, (_, i) => i % 10));
    t.equal(data.files.length, 4);
    t.ok(data.mean[0]! > 0 && data.mean[0]! < 1 && data.std[0]! > 0);
  }
});

t.test('a bad idx file is an error naming the file and what was expected', async (t) => {
  const dir = await tempDir(t);
  const images = join(dir, 'train-images-idx3-ubyte');
  const labels = join(dir, 'train-labels-idx1-ubyte');
  const read = () => readIdxDataset(dir, 'mnist', FASHION_MNIST_CLASSES);
  const reset = () => writeIdxDataset(dir, { train: 10, test: 4 });

  await reset();
  const good = await readFile(images);
  await writeFile(images, Buffer.concat([Buffer.from([0, 0, 8, 1]), good.subarray(4)]));
  await t.rejects(read(), new DataError(`${images} has magic number 0x00000801; expected 0x00000803 (idx3 unsigned bytes, images)`));

  await writeFile(images, good.subarray(0, good.length - 100));
  await t.rejects(read(), { name: 'DataError', message: new RegExp(`^${images} holds 7740 bytes of data but its header declares 10x28x28 = 7840`) });

  await writeFile(images, good.subarray(0, 9));
  await t.rejects(read(), { message: /has 9 bytes, too short for an idx header/ });

  await reset();
  await rm(labels);
  await t.rejects(read(), { name: 'DataError', message: /^missing training labels \(idx1\): none of .*train-labels-idx1-ubyte\.gz, .*train-labels-idx1-ubyte, / });

  await writeFile(labels, idxBytes([9], Array.from({ length: 9 }, () => 1)));
  await t.rejects(read(), { message: new RegExp(`^${labels} has 9 labels but ${images} has 10 images; expected one label per image`) });

  await writeFile(labels, idxBytes([10], [0, 1, 2, 3, 4, 5, 6, 7, 8, 12]));
  await t.rejects(read(), { message: new RegExp(`^${labels}: label 12 at record 9 is out of range; expected 0 to 9`) });

  await reset();
  await writeFile(`${images}.gz`, gzipSync(good).subarray(0, 200)); // the .gz name is tried first
  await t.rejects(read(), { message: new RegExp(`^${images}\\.gz is not a complete gzip stream .*expected a gzip-compressed file`) });
});
