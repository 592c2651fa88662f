import fc from 'fast-check';
import t from 'tap';
import { channelStats, classHistogram } from '../../src/data/stats.js';
import { holds } from '../helpers/property.js';

t.test('per-channel mean and std equal the direct two-pass computation', async (t) => {
  const arb = fc.integer({ min: 1, max: 4 }).chain((channels) =>
    fc.array(fc.integer({ min: 0, max: 255 }), { minLength: channels, maxLength: 200 }).map((values) => ({
      channels,
      images: Uint8Array.from(values.slice(0, values.length - (values.length % channels))),
    })),
  );
  holds(t, 'histogram sums agree with a direct pass', fc.property(arb, ({ channels, images }) => {
    const { mean, std } = channelStats(images, channels);
    return mean.every((m, c) => {
      const values = Array.from(images).filter((_, i) => i % channels === c).map((v) => v / 255);
      const direct = values.reduce((a, b) => a + b, 0) / values.length;
      const sd = Math.sqrt(values.reduce((a, v) => a + (v - direct) ** 2, 0) / values.length);
      return Math.abs(m - direct) < 1e-12 && Math.abs(std[c]! - sd) < 1e-9;
    });
  }));
  t.same(channelStats(Uint8Array.from([0, 255, 0, 255]), 2), { mean: [0, 1], std: [0, 0] });
  t.same(classHistogram([2, 0, 2, 2], 4), [1, 0, 3, 0]);
});
