/**
 * CIFAR-100, binary version (Krizhevsky 2009): `train.bin` (50,000 images) and `test.bin`
 * (10,000), each record holding a coarse label (20 superclasses) then a fine label (100
 * classes) before the image, plus `coarse_label_names.txt` and `fine_label_names.txt`, as
 * unpacked from `cifar-100-binary.tar.gz` into `cifar-100-binary/`. The fine label is the
 * dataset's label; the coarse one is kept in `coarse`.
 */
import { DataError } from '../errors/errors.js';
import { CIFAR_CHANNELS, CIFAR_SIDE, readCifarFiles } from './cifar-records.js';
import { makeDataset, type Dataset } from './dataset.js';
import { findFile, readLines } from './files.js';

export const CIFAR100_TRAIN_FILE = 'train.bin';
export const CIFAR100_TEST_FILE = 'test.bin';
export const CIFAR100_FINE_NAMES = 'fine_label_names.txt';
export const CIFAR100_COARSE_NAMES = 'coarse_label_names.txt';

/** Reads CIFAR-100 from the folder holding `train.bin` and `test.bin`. */
export async function readCifar100(dir: string): Promise<Dataset> {
  const fineFile = await findFile(dir, [CIFAR100_FINE_NAMES], 'CIFAR-100 fine class names (one per line)');
  const coarseFile = await findFile(dir, [CIFAR100_COARSE_NAMES], 'CIFAR-100 coarse class names (one per line)');
  const classNames = await namesOf(fineFile, 100);
  const coarseNames = await namesOf(coarseFile, 20);
  const trainFile = await findFile(dir, [CIFAR100_TRAIN_FILE], 'the CIFAR-100 training records');
  const testFile = await findFile(dir, [CIFAR100_TEST_FILE], 'the CIFAR-100 test records');
  const [train, test] = [await readCifarFiles([trainFile], [20, 100]), await readCifarFiles([testFile], [20, 100])];
  const set = (records: typeof train) => ({
    images: records.images,
    labels: records.labels[1] as Uint16Array,
    count: records.count,
    height: CIFAR_SIDE,
    width: CIFAR_SIDE,
    channels: CIFAR_CHANNELS,
  });
  return makeDataset({
    name: 'cifar100',
    classNames,
    train: set(train),
    test: set(test),
    files: [fineFile, coarseFile, trainFile, testFile],
    coarse: { classNames: coarseNames, train: train.labels[0] as Uint16Array, test: test.labels[0] as Uint16Array },
  });
}

async function namesOf(file: string, expected: number): Promise<string[]> {
  const names = await readLines(file);
  if (names.length !== expected) throw new DataError(`${file} lists ${names.length} class names; expected ${expected}, one per line`);
  return names;
}
