/**
 * Stratified, seeded selection of images by class: the validation split carved from a training
 * set, and the per-class sample the bundled dataset is built from.
 */
import { InputError } from '../errors/errors.js';
import type { Rng } from '../random/rng.js';
import type { ImageSet } from './dataset.js';

/** The default share of the training set held out for validation: 45,000 / 5,000 on CIFAR. */
export const DEFAULT_VALIDATION_FRACTION = 0.1;

/** Indices into a training set: the images to train on, and the ones to validate on. */
export interface TrainValidationSplit {
  readonly train: Uint32Array;
  readonly validation: Uint32Array;
}

/**
 * Holds out `fraction` of the images for validation, the same share of every class (stratified):
 * each class gives `fraction * its size` images, rounded so that the total is
 * `round(fraction * count)` exactly (largest remainders first, ties to the lower class). Which
 * images go is drawn from `rng`; both lists come back in ascending index order.
 */
export function validationSplit(labels: ArrayLike<number>, rng: Rng, fraction = DEFAULT_VALIDATION_FRACTION): TrainValidationSplit {
  if (!(fraction >= 0 && fraction < 1)) {
    throw new InputError(`validation fraction must be at least 0 and below 1 (got ${fraction})`);
  }
  const byClass = indicesByClass(labels);
  const quotas = apportion(byClass.map((members) => members.length), Math.round(fraction * labels.length));
  const held = new Uint8Array(labels.length);
  byClass.forEach((members, c) => {
    for (const index of rng.fork(`class-${c}`).shuffle(members).slice(0, quotas[c])) held[index] = 1;
  });
  const validation: number[] = [];
  const train: number[] = [];
  held.forEach((h, i) => (h ? validation : train).push(i));
  return { train: Uint32Array.from(train), validation: Uint32Array.from(validation) };
}

/**
 * `perClass` images of every class, drawn from `rng`, in ascending index order. A class with
 * fewer images is an InputError naming it.
 */
export function stratifiedSample(labels: ArrayLike<number>, perClass: number, rng: Rng): Uint32Array {
  const picked: number[] = [];
  indicesByClass(labels).forEach((members, c) => {
    if (members.length < perClass) throw new InputError(`class ${c} has ${members.length} images; ${perClass} are needed`);
    picked.push(...rng.fork(`class-${c}`).shuffle(members).slice(0, perClass));
  });
  return Uint32Array.from(picked.sort((a, b) => a - b));
}

/** The image indices of each class 0..max label, ascending. */
export function indicesByClass(labels: ArrayLike<number>): number[][] {
  const byClass: number[][] = [];
  for (let i = 0; i < labels.length; i++) (byClass[labels[i] as number] ??= []).push(i);
  for (let c = 0; c < byClass.length; c++) byClass[c] ??= [];
  return byClass;
}

/** Splits `total` over groups in proportion to their sizes (Hamilton's largest-remainder method). */
function apportion(sizes: readonly number[], total: number): number[] {
  const all = sizes.reduce((a, b) => a + b, 0);
  const exact = sizes.map((size) => (all === 0 ? 0 : (size * total) / all));
  const quotas = exact.map(Math.floor);
  let left = total - quotas.reduce((a, b) => a + b, 0);
  const order = exact.map((x, c) => ({ c, rest: x - Math.floor(x) })).sort((a, b) => b.rest - a.rest || a.c - b.c);
  for (const { c } of order) {
    if (left === 0) break;
    quotas[c]! += 1;
    left -= 1;
  }
  return quotas;
}

/** A new set holding only the images at `indices`, in that order. */
export function subset(set: ImageSet, indices: ArrayLike<number>): ImageSet {
  const size = set.height * set.width * set.channels;
  const images = new Uint8Array(indices.length * size);
  const labels = new Uint16Array(indices.length);
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k] as number;
    images.set(set.images.subarray(i * size, (i + 1) * size), k * size);
    labels[k] = set.labels[i] as number;
  }
  return { ...set, images, labels, count: indices.length };
}
