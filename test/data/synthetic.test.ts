import fc from 'fast-check';
import t from 'tap';
import { syntheticDataset } from '../../src/data/synthetic.js';
import type { ImageSet } from '../../src/data/dataset.js';
import { classHistogram } from '../../src/data/stats.js';
import { holds } from '../helpers/property.js';

t.test('the same options give the same bytes; another seed gives other images', async (t) => {
  const options = { classes: 4, height: 8, width: 8, trainCount: 40, testCount: 8, seed: 3 };
  const a = syntheticDataset(options);
  const bytes = (array: Uint8Array | Uint16Array) => Buffer.from(array.buffer, array.byteOffset, array.byteLength);
  t.ok(bytes(a.train.images).equals(bytes(syntheticDataset(options).train.images)), 'same images');
  t.ok(bytes(a.test.labels).equals(bytes(syntheticDataset(options).test.labels)), 'same labels');
  t.notOk(bytes(a.train.images).equals(bytes(syntheticDataset({ ...options, seed: 4 }).train.images)), 'other images');
});

t.test('any size, class count and channel count, with balanced classes', async (t) => {
  holds(t, 'shape and balance', fc.property(
    fc.record({
      classes: fc.integer({ min: 1, max: 30 }),
      channels: fc.integer({ min: 1, max: 4 }),
      height: fc.integer({ min: 1, max: 12 }),
      width: fc.integer({ min: 1, max: 12 }),
      trainCount: fc.integer({ min: 0, max: 60 }),
      testCount: fc.integer({ min: 0, max: 20 }),
      seed: fc.nat(),
    }),
    (o) => {
      const data = syntheticDataset(o);
      const histogram = classHistogram(data.train.labels, o.classes);
      return data.train.images.length === o.trainCount * o.height * o.width * o.channels &&
        data.test.count === o.testCount && data.channels === o.channels && data.classNames.length === o.classes &&
        data.mean.length === o.channels && Math.max(...histogram) - Math.min(...histogram) <= 1 &&
        data.train.labels.every((label) => label < o.classes);
    },
  ), { numRuns: 60 });
});

/**
 * log(1 + |DFT|^2) of each channel: a feature that ignores where the pattern sits (its phase).
 * The 2-D DFT is done separably (rows, then columns) with precomputed twiddles.
 */
function powerSpectrum(set: ImageSet, i: number): Float64Array {
  const { height: h, width: w, channels: ch } = set;
  const image = set.images.subarray(i * h * w * ch, (i + 1) * h * w * ch);
  const twiddle = (n: number) => Array.from({ length: n * n }, (_, k) => -2 * Math.PI * (Math.floor(k / n) * (k % n)) / n);
  const [rows, cols] = [twiddle(w), twiddle(h)];
  const out = new Float64Array(h * w * ch);
  for (let c = 0; c < ch; c++) {
    const [re, im] = [new Float64Array(h * w), new Float64Array(h * w)];
    for (let y = 0; y < h; y++) {
      for (let v = 0; v < w; v++) {
        for (let x = 0; x < w; x++) {
          const value = image[(y * w + x) * ch + c]! / 255;
          re[y * w + v]! += value * Math.cos(rows[v * w + x]!);
          im[y * w + v]! += value * Math.sin(rows[v * w + x]!);
        }
      }
    }
    for (let u = 0; u < h; u++) {
      for (let v = 0; v < w; v++) {
        let [sr, si] = [0, 0];
        for (let y = 0; y < h; y++) {
          const [cos, sin] = [Math.cos(cols[u * h + y]!), Math.sin(cols[u * h + y]!)];
          sr += re[y * w + v]! * cos - im[y * w + v]! * sin;
          si += re[y * w + v]! * sin + im[y * w + v]! * cos;
        }
        out[(c * h + u) * w + v] = Math.log1p(sr * sr + si * si);
      }
    }
  }
  return out;
}

/** Accuracy on `test` of the nearest class centroid of `features` computed on `train`. */
function nearestCentroidAccuracy(train: ImageSet, test: ImageSet, classes: number, features: (set: ImageSet, i: number) => Float64Array): number {
  const dims = features(train, 0).length;
  const centroids = Array.from({ length: classes }, () => new Float64Array(dims));
  const counts = classHistogram(train.labels, classes);
  for (let i = 0; i < train.count; i++) {
    const f = features(train, i);
    const centroid = centroids[train.labels[i]!]!;
    for (let d = 0; d < dims; d++) centroid[d]! += f[d]! / counts[train.labels[i]!]!;
  }
  let correct = 0;
  for (let i = 0; i < test.count; i++) {
    const f = features(test, i);
    const distance = centroids.map((centroid) => centroid.reduce((s, m, d) => s + (m - f[d]!) ** 2, 0));
    if (distance.indexOf(Math.min(...distance)) === test.labels[i]) correct += 1;
  }
  return correct / test.count;
}

t.test('learnable from texture, not from pixel positions', async (t) => {
  const data = syntheticDataset({ classes: 10, channels: 3, height: 12, width: 12, trainCount: 300, testCount: 200, seed: 1 });
  const pixels = (set: ImageSet, i: number) => Float64Array.from(set.images.subarray(i * 432, (i + 1) * 432));
  const spectral = nearestCentroidAccuracy(data.train, data.test, 10, powerSpectrum);
  const template = nearestCentroidAccuracy(data.train, data.test, 10, pixels);
  // Chance is 0.1. A phase-blind texture feature separates the classes; a pixel template, which
  // sees each grating at a random shift, does far worse.
  t.ok(spectral >= 0.9, `nearest centroid on power spectra: ${spectral}`);
  t.ok(template <= 0.5, `nearest centroid on raw pixels: ${template}`);
});
