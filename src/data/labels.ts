/** Checks shared by the readers: labels in range and one label per image. */
import { DataError } from '../errors/errors.js';

/** Throws a DataError naming `file` and the first label outside 0..classes-1. */
export function checkLabels(labels: ArrayLike<number>, classes: number, file: string): void {
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i] as number;
    if (label >= classes) {
      throw new DataError(`${file}: label ${label} at record ${i} is out of range; expected 0 to ${classes - 1}`);
    }
  }
}

/** Throws a DataError when the image and label counts differ. */
export function checkSameCount(images: number, imageFile: string, labels: number, labelFile: string): void {
  if (images !== labels) {
    throw new DataError(`${labelFile} has ${labels} labels but ${imageFile} has ${images} images; expected one label per image`);
  }
}
