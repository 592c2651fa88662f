/** Batches of small random images for the augmentation properties, and checks they share. */
import fc from 'fast-check';
import type { ImageBatch } from '../../src/data/batch.js';
import type { ImageShape } from '../../src/augment/index.js';

export interface BatchBounds {
  readonly maxSide?: number;
  readonly minSide?: number;
  readonly maxCount?: number;
  readonly channels?: readonly number[];
}

export function shapeArb(bounds: BatchBounds = {}): fc.Arbitrary<ImageShape> {
  const side = fc.integer({ min: bounds.minSide ?? 1, max: bounds.maxSide ?? 9 });
  return fc.record({ height: side, width: side, channels: fc.constantFrom(...(bounds.channels ?? [1, 2, 3, 4])) });
}

/** A batch of 1..maxCount random images of one random shape, with one-hot labels over 1..5 classes. */
export function batchArb(bounds: BatchBounds = {}): fc.Arbitrary<ImageBatch> {
  return fc
    .record({ shape: shapeArb(bounds), count: fc.integer({ min: 1, max: bounds.maxCount ?? 5 }), classes: fc.integer({ min: 1, max: 5 }) })
    .chain(({ shape, count, classes }) => {
      const bytes = count * shape.height * shape.width * shape.channels;
      return fc
        .record({
          images: fc.uint8Array({ minLength: bytes, maxLength: bytes }),
          classOf: fc.array(fc.nat(classes - 1), { minLength: count, maxLength: count }),
        })
        .map(({ images, classOf }) => {
          const labels = new Float32Array(count * classes);
          classOf.forEach((k, i) => (labels[i * classes + k] = 1));
          return { ...shape, images, count, labels, classes };
        });
    });
}

/** A batch of `count` images of `shape`, image i filled with `value(i)`, labelled one-hot class i. */
export function constantBatch(shape: ImageShape, count: number, value: (i: number) => number): ImageBatch {
  const bytes = shape.height * shape.width * shape.channels;
  const images = new Uint8Array(count * bytes);
  for (let i = 0; i < count; i++) images.fill(value(i), i * bytes, (i + 1) * bytes);
  const labels = new Float32Array(count * count);
  for (let i = 0; i < count; i++) labels[i * count + i] = 1;
  return { ...shape, images, count, labels, classes: count };
}

/** A deep copy, to check later that an augmentation left its input alone. */
export function snapshot(batch: ImageBatch): ImageBatch {
  return { ...batch, images: batch.images.slice(), labels: batch.labels.slice() };
}

export function sameBatch(a: ImageBatch, b: ImageBatch): boolean {
  return (
    a.count === b.count && a.height === b.height && a.width === b.width && a.channels === b.channels && a.classes === b.classes &&
    sameBytes(a.images, b.images) && a.labels.length === b.labels.length && a.labels.every((v, k) => v === b.labels[k])
  );
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, k) => v === b[k]);
}

/** Same shape, class count and array types and lengths. */
export function sameShape(a: ImageBatch, b: ImageBatch): boolean {
  return (
    a.images instanceof Uint8Array && a.labels instanceof Float32Array &&
    a.count === b.count && a.height === b.height && a.width === b.width && a.channels === b.channels && a.classes === b.classes &&
    a.images.length === b.images.length && a.labels.length === b.labels.length
  );
}

/** Every label row sums to 1 within float32 rounding, and no label is negative. */
export function labelsSumToOne(batch: ImageBatch): boolean {
  for (let i = 0; i < batch.count; i++) {
    const row = batch.labels.subarray(i * batch.classes, (i + 1) * batch.classes);
    if (row.some((v) => v < 0) || Math.abs(row.reduce((s, v) => s + v, 0) - 1) > 1e-5) return false;
  }
  return true;
}

/** The bytes of image i. */
export function imageOf(batch: ImageBatch, i: number): Uint8Array {
  const bytes = batch.height * batch.width * batch.channels;
  return batch.images.subarray(i * bytes, (i + 1) * bytes);
}
