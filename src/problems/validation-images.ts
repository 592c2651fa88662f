/**
 * A supernet run measures candidates on its validation split: 10% of the dataset's training
 * images, held out with the run seed. Asking for more validation images than the split holds used
 * to measure on the whole split silently (2,000 asked, 1,000 used on fashion-mnist-mini); now it is
 * refused up front, from the catalogue's counts, before anything trains.
 */
import { getDatasetSpec } from '../data/load.js';
import { DEFAULT_VALIDATION_FRACTION } from '../data/split.js';
import { InputError } from '../errors/errors.js';

/** Images in a dataset's validation split (as validationSplit carves it from the training images). */
export function validationSplitSize(dataset: string): number {
  return Math.round(DEFAULT_VALIDATION_FRACTION * getDatasetSpec(dataset).counts.train);
}

/** Throws an InputError naming --validation-images when the split holds fewer images. */
export function checkValidationImages(images: number, dataset: string): void {
  const size = validationSplitSize(dataset);
  if (images > size) {
    const train = getDatasetSpec(dataset).counts.train;
    throw new InputError(
      `--validation-images ${images} is more than the ${size.toLocaleString('en-US')} images of ${dataset}'s validation split ` +
        `(${DEFAULT_VALIDATION_FRACTION * 100}% of its ${train.toLocaleString('en-US')} training images); use at most ${size}`,
    );
  }
}
