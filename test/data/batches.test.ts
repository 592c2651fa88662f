import t from 'tap';
import { Rng } from '../../src/random/rng.js';
import type { ImageBatch } from '../../src/data/batch.js';
import { batchCount, epochBatches, type Augment } from '../../src/data/batches.js';
import type { ImageSet } from '../../src/data/dataset.js';

/** 10 images of 1x2x1; image i holds the bytes [i, 100 + i] and has label i % 3. */
const set: ImageSet = {
  images: Uint8Array.from({ length: 20 }, (_, k) => (k % 2 === 0 ? k / 2 : 100 + (k - 1) / 2)),
  labels: Uint16Array.from({ length: 10 }, (_, i) => i % 3),
  count: 10,
  height: 1,
  width: 2,
  channels: 1,
};
const firstBytes = (batches: Iterable<ImageBatch>) => [...batches].map((b) => Array.from({ length: b.count }, (_, k) => b.images[k * 2]!));
const rng = Rng.fromSeed(5).fork('data');

t.test('each epoch visits every image once, in a seeded order that changes per epoch', async (t) => {
  const epoch0 = firstBytes(epochBatches(set, 0, rng, { batchSize: 4, classes: 3 }));
  t.same(epoch0.map((b) => b.length), [4, 4, 2]);
  t.same(epoch0.flat().sort((a, b) => a - b), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  t.same(firstBytes(epochBatches(set, 0, Rng.fromSeed(5).fork('data'), { batchSize: 4, classes: 3 })), epoch0, 'same seed and epoch, same order');
  t.notSame(firstBytes(epochBatches(set, 1, rng, { batchSize: 4, classes: 3 })), epoch0, 'the next epoch is reshuffled');
  t.same(firstBytes(epochBatches(set, 0, rng, { batchSize: 4, classes: 3, shuffle: false })), [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]);
  t.same(firstBytes(epochBatches(set, 0, rng, { batchSize: 4, classes: 3, dropLast: true })).map((b) => b.length), [4, 4]);
  t.same(firstBytes(epochBatches(set, 0, rng, { batchSize: 4, classes: 3, indices: [7, 2, 5], shuffle: false })), [[7, 2, 5]]);
  t.same([batchCount(10, 4), batchCount(10, 4, true), batchCount(8, 4)], [3, 2, 2]);
});

t.test('batches are NHWC uint8 with one-hot label rows that follow their images', async (t) => {
  for (const batch of epochBatches(set, 2, rng, { batchSize: 3, classes: 3 })) {
    t.match(batch, { height: 1, width: 2, channels: 1, classes: 3 });
    t.equal(batch.images.length, batch.count * 2);
    for (let k = 0; k < batch.count; k++) {
      const image = batch.images[k * 2]!;
      t.equal(batch.images[k * 2 + 1], 100 + image, 'the second byte travels with the first');
      t.same(Array.from(batch.labels.subarray(k * 3, k * 3 + 3)), [0, 1, 2].map((c) => (c === image % 3 ? 1 : 0)));
    }
  }
});

t.test('the augmentation sees each batch with its own seeded stream and its result is what comes out', async (t) => {
  const seen: number[] = [];
  const invert: Augment = (batch, stream) => {
    seen.push(stream.int(1_000_000));
    return { ...batch, images: batch.images.map((v) => 255 - v) };
  };
  const plain = [...epochBatches(set, 0, rng, { batchSize: 5, classes: 3 })];
  const augmented = [...epochBatches(set, 0, rng, { batchSize: 5, classes: 3, augment: invert })];
  t.same(augmented.map((b) => Array.from(b.images)), plain.map((b) => Array.from(b.images, (v) => 255 - v)));
  t.equal(seen.length, 2);
  t.not(seen[0], seen[1], 'each batch draws from its own stream');
  const again: number[] = [];
  const record: Augment = (batch, stream) => {
    again.push(stream.int(1_000_000));
    return batch;
  };
  for (const batch of epochBatches(set, 0, rng, { batchSize: 5, classes: 3, augment: record })) t.ok(batch.count > 0);
  t.same(again, seen, 'the same seed gives the augmentation the same numbers');
});

t.test('bad batch options are refused with what is allowed', async (t) => {
  t.throws(() => [...epochBatches(set, 0, rng, { batchSize: 0, classes: 3 })], { name: 'InputError', message: 'batch size must be a whole number ≥ 1 (got 0)' });
  t.throws(() => [...epochBatches(set, -1, rng, { batchSize: 2, classes: 3 })], { message: 'epoch must be a whole number ≥ 0 (got -1)' });
  t.throws(() => [...epochBatches(set, 0, rng, { batchSize: 2, classes: 3, indices: [10] })], { message: 'image index 10 is outside the set of 10 images' });
});
