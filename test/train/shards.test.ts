import fc from 'fast-check';
import t from 'tap';
import { flatLayout, meanStatistics } from '../../src/supernet/shards.js';
import { meanLosses, meanOfShards, shardOf, shardRows } from '../../src/train/shards.js';
import { holds } from '../helpers/property.js';

const floats = (length: number) => fc.float32Array({ minLength: length, maxLength: length, noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 });

t.test('the shards of a batch are equal, in order, and cover it once', async (t) => {
  holds(t, 'shardRows tiles [0, batch)', fc.property(fc.integer({ min: 1, max: 16 }), fc.integer({ min: 1, max: 16 }), (shards, rows) => {
    const ranges = Array.from({ length: shards }, (_, s) => shardRows(shards * rows, shards, s));
    return ranges.every(([start, end], s) => start === s * rows && end - start === rows) && ranges.at(-1)?.[1] === shards * rows;
  }));
});

t.test('the shards of a batch, images and targets, laid end to end are the batch', async (t) => {
  const batch = fc.record({ shards: fc.integer({ min: 1, max: 4 }), rows: fc.integer({ min: 1, max: 3 }), pixels: fc.integer({ min: 1, max: 5 }), classes: fc.integer({ min: 1, max: 4 }) });
  holds(t, 'shardOf cuts rows, never pixels or classes', fc.property(batch, ({ shards, rows, pixels, classes }) => {
    const size = shards * rows;
    const x = Float32Array.from({ length: size * pixels }, (_, i) => i);
    const targets = Float32Array.from({ length: size * classes }, (_, i) => -i);
    const parts = Array.from({ length: shards }, (_, s) => shardOf(x, [size, 1, pixels, 1], targets, classes, shards, s));
    return (
      parts.every((p) => p.xShape.join() === [rows, 1, pixels, 1].join() && p.targetShape.join() === [rows, classes].join()) &&
      parts.flatMap((p) => [...p.x]).join() === [...x].join() &&
      parts.flatMap((p) => [...p.targets]).join() === [...targets].join()
    );
  }));
});

t.test('the mean of the shards is the float32 sum in shard order, divided by the shard count', async (t) => {
  const property = fc.property(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 7 }), fc.integer(), (shards, size, seed) => {
    const slots = Float32Array.from({ length: shards * size }, (_, i) => Math.fround(Math.sin(seed + i * 7.1) * 1000));
    const expected = Array.from({ length: size }, (_, i) => {
      let sum = slots[i] as number;
      for (let s = 1; s < shards; s++) sum = Math.fround(sum + (slots[s * size + i] as number));
      return Math.fround(sum / shards);
    });
    return meanOfShards(slots, shards, size).every((v, i) => Object.is(v, expected[i]));
  });
  holds(t, 'meanOfShards is the ordered float32 reduction', property);
  holds(t, 'one shard is its own mean, bit for bit', fc.property(floats(6), (slot) => meanOfShards(slot, 1, 6).every((v, i) => Object.is(v, slot[i]))));
  // Float addition is not associative: the order is part of the result, so it is fixed.
  const [big, small] = [Math.fround(1e8), 3];
  t.not(meanOfShards(Float32Array.of(big, small, -big), 3, 1)[0], meanOfShards(Float32Array.of(big, -big, small), 3, 1)[0], 'another order can give other bits');
});

t.test('BN statistics and losses are averaged over the shards', async (t) => {
  const layer = (mean: number[], variance: number[]) => ({ layer: 'stem.bn', mean: Float32Array.from(mean), variance: Float32Array.from(variance), count: 8 });
  const [averaged] = meanStatistics([[layer([1, 2], [4, 4])], [layer([3, 6], [2, 0])]]);
  t.same({ ...averaged, mean: [...(averaged?.mean ?? [])], variance: [...(averaged?.variance ?? [])] }, { layer: 'stem.bn', mean: [2, 4], variance: [3, 2], count: 8 });
  t.throws(() => meanStatistics([[layer([1], [1])], [{ ...layer([1], [1]), layer: 'block1.bn1' }]]), /shards disagree on BN layer 0/);
  t.same(meanLosses([[1, 2], [3, 6]]), [2, 4]);
});

t.test('the flat layout puts the trainable tensors one after the other', async (t) => {
  const layout = flatLayout([
    { name: 'a', shape: [2, 3], role: 'conv', trainable: true },
    { name: 'a.mean', shape: [3], role: 'bn-mean', trainable: false },
    { name: 'b', shape: [4], role: 'dense-bias', trainable: true },
  ]);
  t.same(layout, { names: ['a', 'b'], shapes: [[2, 3], [4]], offsets: [0, 6], size: 10 });
});
