import fc from 'fast-check';
import t from 'tap';
import { stratifiedSample } from '../../src/ground-truth/sample.js';
import { Rng } from '../../src/random/rng.js';
import { holds } from '../helpers/property.js';
import { formatGenome, genomeCost, getSpace, isValidGenome, largestGenome, smallestGenome } from '../../src/space/index.js';

const space = getSpace('resnet20-cvpr2021');
const params = (g: readonly number[]) => genomeCost(g, space, { classes: 10, inputChannels: 1, inputSize: 28 }).params;

t.test('the stratified sample spans the cost range: smallest and largest in, distinct, rising in parameters', async (t) => {
  holds(
    t,
    'smallest and largest in, distinct, valid, rising in parameters',
    fc.property(fc.integer({ min: 2, max: 60 }), fc.integer({ min: 0, max: 1000 }), (count, seed) => {
      const sample = stratifiedSample(space, count, Rng.fromSeed(seed), params);
      const texts = sample.map(formatGenome);
      return (
        sample.length === count &&
        new Set(texts).size === count &&
        sample.every((g) => isValidGenome(g, space)) &&
        texts[0] === formatGenome(smallestGenome(space)) &&
        texts[count - 1] === formatGenome(largestGenome(space)) &&
        sample.every((g, i) => i === 0 || params(g) >= params(sample[i - 1]!))
      );
    }),
    { numRuns: 15 },
  );
});

t.test('the sample is a function of the seed', async (t) => {
  const draw = (seed: number) => stratifiedSample(space, 20, Rng.fromSeed(seed), params).map(formatGenome);
  t.same(draw(3), draw(3), 'same seed, same sample');
  t.not(draw(3).join(), draw(4).join(), 'another seed, another sample');
});

t.test('the middle of the sample follows the quantiles of uniform draws, not their bulk', async (t) => {
  // Evenly spaced quantiles: the median of the sample is near the median of many uniform draws.
  const rng = Rng.fromSeed(9);
  const uniform = Array.from({ length: 2000 }, () => params(space.positions.map((p) => rng.pick(p.choices)))).sort((a, b) => a - b);
  const sample = stratifiedSample(space, 21, Rng.fromSeed(10), params).map(params);
  const median = uniform[1000]!;
  t.ok(Math.abs(sample[10]! - median) / median < 0.15, `sample median ${sample[10]} near the uniform median ${median}`);
});

t.test('fewer than two architectures is refused with the flag named', async (t) => {
  t.throws(() => stratifiedSample(space, 1, Rng.fromSeed(0), params), { name: 'InputError', message: /--architectures must be a whole number ≥ 2/ });
});
