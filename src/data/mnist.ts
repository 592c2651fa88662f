/**
 * MNIST (LeCun et al. 1998) and Fashion-MNIST (Xiao, Rasul and Vollgraf 2017): 28x28 grayscale
 * images in idx files, `train-*` (60,000) and `t10k-*` (10,000), gzipped or not. The bundled
 * `fashion-mnist-mini` uses the same reader with brotli-compressed files.
 */
import { DataError } from '../errors/errors.js';
import { makeDataset, type Dataset, type ImageSet } from './dataset.js';
import { findFile, readDataFile } from './files.js';
import { parseIdx } from './idx.js';
import { checkLabels, checkSameCount } from './labels.js';

export const MNIST_CLASSES = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;

/** Fashion-MNIST's labels, in label order (from its README). */
export const FASHION_MNIST_CLASSES = [
  'T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat',
  'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot',
] as const;

/** The accepted names of one idx file: plain, gzipped, brotli; "-idx" or ".idx" as distributed. */
export function idxFileNames(split: 'train' | 't10k', kind: 'images' | 'labels'): string[] {
  const rank = kind === 'images' ? 3 : 1;
  const stems = [`${split}-${kind}-idx${rank}-ubyte`, `${split}-${kind}.idx${rank}-ubyte`];
  return stems.flatMap((stem) => [`${stem}.gz`, stem, `${stem}.br`]);
}

/** Reads an idx-format dataset (MNIST layout) from `dir`. */
export async function readIdxDataset(dir: string, name: string, classNames: readonly string[]): Promise<Dataset> {
  const train = await readIdxSplit(dir, 'train', classNames.length);
  const test = await readIdxSplit(dir, 't10k', classNames.length);
  if (train.set.height !== test.set.height || train.set.width !== test.set.width) {
    throw new DataError(
      `${test.files[0]} holds ${test.set.height}x${test.set.width} images but ${train.files[0]} holds ` +
        `${train.set.height}x${train.set.width}; expected one image size`,
    );
  }
  return makeDataset({ name, classNames, train: train.set, test: test.set, files: [...train.files, ...test.files] });
}

async function readIdxSplit(dir: string, split: 'train' | 't10k', classes: number) {
  const what = split === 'train' ? 'training' : 'test';
  const imageFile = await findFile(dir, idxFileNames(split, 'images'), `${what} images (idx3)`);
  const labelFile = await findFile(dir, idxFileNames(split, 'labels'), `${what} labels (idx1)`);
  const images = parseIdx(await readDataFile(imageFile), 3, imageFile);
  const labels = parseIdx(await readDataFile(labelFile), 1, labelFile);
  const [count, height, width] = images.dims as [number, number, number];
  checkSameCount(count, imageFile, labels.dims[0] as number, labelFile);
  checkLabels(labels.data, classes, labelFile);
  const set: ImageSet = { images: images.data, labels: Uint16Array.from(labels.data), count, height, width, channels: 1 };
  return { set, files: [imageFile, labelFile] };
}
