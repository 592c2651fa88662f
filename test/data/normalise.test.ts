import t from 'tap';
import { normaliseBatch } from '../../src/data/normalise.js';

t.test('normalisation gives (value / 255 - mean) / std per channel as float32 NHWC', async (t) => {
  const batch = {
    images: Uint8Array.from([0, 255, 51, 102, 255, 0]), // 2 images of 1x1x3
    count: 2,
    height: 1,
    width: 1,
    channels: 3,
    labels: Float32Array.from([1, 0, 0.3, 0.7]),
    classes: 2,
  };
  const out = normaliseBatch(batch, { mean: [0.5, 0.5, 0.2], std: [0.5, 0.25, 0] });
  t.ok(out.data instanceof Float32Array);
  t.same(out.shape, [2, 1, 1, 3]);
  t.same(out.labelShape, [2, 2]);
  t.same(Array.from(out.labels), Array.from(batch.labels));
  const expected = [(0 - 0.5) / 0.5, (1 - 0.5) / 0.25, 0.2 - 0.2, (0.4 - 0.5) / 0.5, (1 - 0.5) / 0.25, 0 - 0.2];
  // A channel with std 0 is centred but not scaled (no division by zero).
  out.data.forEach((value, k) => t.ok(Math.abs(value - expected[k]!) < 1e-6, `element ${k}: ${value} vs ${expected[k]}`));
});
