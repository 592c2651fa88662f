/**
 * CIFAR-10, binary version (Krizhevsky 2009): `data_batch_1.bin` .. `data_batch_5.bin` (50,000
 * training images), `test_batch.bin` (10,000) and `batches.meta.txt` (the ten class names),
 * as unpacked from `cifar-10-binary.tar.gz` into `cifar-10-batches-bin/`.
 */
import { DataError } from '../errors/errors.js';
import { CIFAR_CHANNELS, CIFAR_SIDE, readCifarFiles } from './cifar-records.js';
import { makeDataset, type Dataset, type ImageSet } from './dataset.js';
import { findFile, readLines } from './files.js';

export const CIFAR10_TRAIN_FILES = [1, 2, 3, 4, 5].map((i) => `data_batch_${i}.bin`);
export const CIFAR10_TEST_FILE = 'test_batch.bin';
export const CIFAR10_META_FILE = 'batches.meta.txt';

/** Reads CIFAR-10 from the folder holding the batch files. */
export async function readCifar10(dir: string): Promise<Dataset> {
  const metaFile = await findFile(dir, [CIFAR10_META_FILE], 'CIFAR-10 class names (one per line)');
  const classNames = await readLines(metaFile);
  if (classNames.length !== 10) {
    throw new DataError(`${metaFile} lists ${classNames.length} class names; expected 10, one per line`);
  }
  const trainFiles: string[] = [];
  for (const name of CIFAR10_TRAIN_FILES) trainFiles.push(await findFile(dir, [name], 'a CIFAR-10 training batch'));
  const testFile = await findFile(dir, [CIFAR10_TEST_FILE], 'the CIFAR-10 test batch');
  const train = await readSplit(trainFiles);
  const test = await readSplit([testFile]);
  return makeDataset({ name: 'cifar10', classNames, train, test, files: [metaFile, ...trainFiles, testFile] });
}

async function readSplit(files: readonly string[]): Promise<ImageSet> {
  const records = await readCifarFiles(files, [10]);
  const labels = records.labels[0] as Uint16Array;
  return { images: records.images, labels, count: records.count, height: CIFAR_SIDE, width: CIFAR_SIDE, channels: CIFAR_CHANNELS };
}
