/**
 * Building the bundled `fashion-mnist-mini` from the full Fashion-MNIST: a seeded stratified
 * sample (the same number of images of every class) of each split, written as idx files
 * compressed with brotli at its highest quality, which is what lets 12,000 images fit in 5 MB
 * (gzip -9 needs 5.2 MB for the images alone; brotli 4.6 MB).
 */
import { constants, brotliCompressSync } from 'node:zlib';
import { Rng } from '../random/rng.js';
import type { Dataset, ImageSet } from './dataset.js';
import { encodeIdx } from './idx.js';
import { stratifiedSample, subset } from './split.js';

export interface MiniCounts {
  readonly trainPerClass: number;
  readonly testPerClass: number;
}

/** The bundled set's size: 1,000 training and 200 test images per class (10,000 + 2,000). */
export const MINI_COUNTS: MiniCounts = { trainPerClass: 1000, testPerClass: 200 };

/** The seed the bundled subset was drawn with. */
export const MINI_SEED = 2017;

/** The files of the subset, by name: brotli-compressed idx images and labels for both splits. */
export function buildMiniFiles(full: Pick<Dataset, 'train' | 'test'>, counts: MiniCounts = MINI_COUNTS, seed = MINI_SEED): Map<string, Uint8Array> {
  const rng = Rng.fromSeed(seed).fork('fashion-mnist-mini');
  const train = subset(full.train, stratifiedSample(full.train.labels, counts.trainPerClass, rng.fork('train')));
  const test = subset(full.test, stratifiedSample(full.test.labels, counts.testPerClass, rng.fork('test')));
  return new Map([...idxPair('train', train), ...idxPair('t10k', test)]);
}

function idxPair(prefix: string, set: ImageSet): [string, Uint8Array][] {
  return [
    [`${prefix}-images-idx3-ubyte.br`, brotli(encodeIdx([set.count, set.height, set.width], set.images))],
    [`${prefix}-labels-idx1-ubyte.br`, brotli(encodeIdx([set.count], Uint8Array.from(set.labels)))],
  ];
}

function brotli(data: Uint8Array): Uint8Array {
  return brotliCompressSync(data, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_LGWIN]: constants.BROTLI_MAX_WINDOW_BITS,
      [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
    },
  });
}
