import fc from 'fast-check';
import t from 'tap';
import { Rng } from '../../src/random/rng.js';
import { stratifiedSample, subset, validationSplit } from '../../src/data/split.js';
import { classHistogram } from '../../src/data/stats.js';
import { holds, seedArb } from '../helpers/property.js';

const rng = (seed: number) => Rng.fromSeed(seed).fork('split');

t.test('CIFAR-shaped labels split 45,000 / 5,000 with 500 of each class held out', async (t) => {
  const labels = Uint16Array.from({ length: 50_000 }, (_, i) => (i * 7) % 10);
  const split = validationSplit(labels, rng(0));
  t.equal(split.train.length, 45_000);
  t.equal(split.validation.length, 5_000);
  t.same(classHistogram(Array.from(split.validation, (i) => labels[i]!), 10), new Array(10).fill(500));
  const again = validationSplit(labels, rng(0));
  t.ok(Buffer.from(again.validation.buffer).equals(Buffer.from(split.validation.buffer)), 'same seed, same split');
  const other = validationSplit(labels, rng(1));
  t.notOk(Buffer.from(other.validation.buffer).equals(Buffer.from(split.validation.buffer)), 'another seed, another split');
});

t.test('the split is a stratified partition of the training set', async (t) => {
  const labelsArb = fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 300 });
  holds(t, 'partition, exact total, each class within one of its quota', fc.property(labelsArb, fc.double({ min: 0, max: 0.95, noNaN: true }), seedArb, (labels, fraction, seed) => {
    const { train, validation } = validationSplit(labels, rng(seed), fraction);
    const all = [...train, ...validation].sort((a, b) => a - b);
    const partition = all.length === labels.length && all.every((index, k) => index === k);
    const exactTotal = validation.length === Math.round(fraction * labels.length);
    const held = classHistogram(Array.from(validation, (i) => labels[i]!), 6);
    const sizes = classHistogram(labels, 6);
    // Each class gives its proportional quota of the total, rounded down or up.
    const stratified = held.every((h, c) => Math.abs(h - (sizes[c]! * validation.length) / labels.length) < 1);
    return partition && exactTotal && stratified;
  }));
  t.throws(() => validationSplit([0, 1], rng(0), 1), { name: 'InputError', message: /validation fraction must be at least 0 and below 1 \(got 1\)/ });
});

t.test('a stratified sample takes the same number of every class; subset gathers the images', async (t) => {
  const labels = Uint16Array.from({ length: 90 }, (_, i) => i % 3);
  const picked = stratifiedSample(labels, 5, rng(2));
  t.equal(picked.length, 15);
  t.same(classHistogram(Array.from(picked, (i) => labels[i]!), 3), [5, 5, 5]);
  t.same(Array.from(picked), [...picked].sort((a, b) => a - b), 'ascending');
  t.throws(() => stratifiedSample(labels, 31, rng(2)), { message: 'class 0 has 30 images; 31 are needed' });

  const set = { images: Uint8Array.from({ length: 90 * 2 }, (_, k) => k % 256), labels, count: 90, height: 1, width: 2, channels: 1 };
  const small = subset(set, [4, 1]);
  t.same(Array.from(small.images), [8, 9, 2, 3]);
  t.same(Array.from(small.labels), [1, 1]);
  t.equal(small.count, 2);
});
