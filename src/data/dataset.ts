/**
 * What a dataset reader hands back: images as uint8 NHWC (0..255, as the files store them) with
 * an integer class label per image, for the training and test splits, plus what a model needs to
 * know about them (size, channels, class names, per-channel mean and standard deviation).
 *
 * The validation split is not a third set: it is carved from `train` by index
 * (src/data/split.ts), so the test set is only ever read for final evaluation.
 */
import { channelStats, type ChannelStats } from './stats.js';

/** One split: `count` images of `height x width x channels` bytes each, in NHWC order. */
export interface ImageSet {
  readonly images: Uint8Array;
  /** The class of each image, 0 <= label < classes. */
  readonly labels: Uint16Array;
  readonly count: number;
  readonly height: number;
  readonly width: number;
  readonly channels: number;
}

/** CIFAR-100's second label: each image's superclass (20 of them). */
export interface CoarseLabels {
  readonly classNames: readonly string[];
  readonly train: Uint16Array;
  readonly test: Uint16Array;
}

export interface Dataset extends ChannelStats {
  readonly name: string;
  readonly height: number;
  readonly width: number;
  readonly channels: number;
  readonly classNames: readonly string[];
  readonly train: ImageSet;
  /** Held out for final evaluation only; searches validate on a split of `train`. */
  readonly test: ImageSet;
  /** The files the dataset was read from (empty for a generated one). */
  readonly files: readonly string[];
  readonly coarse?: CoarseLabels;
}

/** The parts a reader knows; mean and std are computed here, from the training images. */
export interface DatasetParts {
  readonly name: string;
  readonly classNames: readonly string[];
  readonly train: ImageSet;
  readonly test: ImageSet;
  readonly files: readonly string[];
  readonly coarse?: CoarseLabels;
}

/** A dataset from its parts, with per-channel mean/std of the training images (on a 0..1 scale). */
export function makeDataset(parts: DatasetParts): Dataset {
  const { train } = parts;
  return {
    ...parts,
    height: train.height,
    width: train.width,
    channels: train.channels,
    ...channelStats(train.images, train.channels),
  };
}

/** Called by slow readers as images are decoded: `done` of `total` for the split `what`. */
export type ReadProgress = (done: number, total: number, what: string) => void;

/** Bytes in one image of a set. */
export function imageBytes(set: Pick<ImageSet, 'height' | 'width' | 'channels'>): number {
  return set.height * set.width * set.channels;
}
