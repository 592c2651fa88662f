import t from 'tap';
import fc from 'fast-check';
import { Rng } from '../../src/random/rng.js';
import {
  formatGenome,
  genomeCost,
  getSpace,
  isValidGenome,
  largestGenome,
  sampleGenome,
  sandwichGenomes,
  smallestGenome,
  stepSubnets,
  SUBNET_SAMPLINGS,
} from '../../src/space/index.js';
import { holds, seedArb, spaceArb } from '../helpers/property.js';

t.test('sampled genomes are always valid, and the same seed samples the same genome', async (t) => {
  holds(t, 'valid and seeded', fc.property(spaceArb, seedArb, (space, seed) => {
    const a = sampleGenome(space, Rng.fromSeed(seed));
    return isValidGenome(a, space) && formatGenome(a) === formatGenome(sampleGenome(space, Rng.fromSeed(seed)));
  }));
});

t.test('sampling reaches every choice of every position about equally often', async (t) => {
  const space = getSpace();
  const rng = Rng.fromSeed(3);
  const genomes = Array.from({ length: 4000 }, () => sampleGenome(space, rng));
  for (const p of space.positions) {
    const expected = genomes.length / p.choices.length;
    const counts = p.choices.map((c) => genomes.filter((g) => g[p.index] === c).length);
    // ~5 standard deviations of a binomial count: fails only on a biased or stuck position.
    const tolerance = 5 * Math.sqrt(expected);
    t.ok(counts.every((n) => Math.abs(n - expected) < tolerance), `g[${p.index}] counts ${counts.join(' ')}`);
  }
});

t.test('the sandwich set is largest, smallest, then n random genomes', async (t) => {
  const space = getSpace();
  const set = sandwichGenomes(space, 2, Rng.fromSeed(9));
  t.equal(set.length, 4);
  t.same(set[0], largestGenome(space));
  t.same(set[1], smallestGenome(space));
  t.ok(set.every((g) => isValidGenome(g, space)));
  const costs = set.map((g) => genomeCost(g, space).params);
  t.ok(costs.every((c) => c <= costs[0]! && c >= costs[1]!), 'the extremes bound every member');
  t.same(sandwichGenomes(space, 0, Rng.fromSeed(9)), [largestGenome(space), smallestGenome(space)]);
});

t.test('every sampling kind trains random + 2 valid subnets a step, the largest first, the same for the same seed', async (t) => {
  const kinds = fc.constantFrom(...SUBNET_SAMPLINGS);
  holds(t, 'count, validity, teacher, seeded', fc.property(spaceArb, kinds, fc.integer({ min: 0, max: 20 }), seedArb, (space, kind, random, seed) => {
    const step = stepSubnets(space, kind, random, Rng.fromSeed(seed));
    const again = stepSubnets(space, kind, random, Rng.fromSeed(seed));
    return (
      step.length === random + 2 &&
      step.every((g) => isValidGenome(g, space)) &&
      formatGenome(step[0]!) === formatGenome(largestGenome(space)) &&
      step.map(formatGenome).join() === again.map(formatGenome).join()
    );
  }));
});

t.test('sandwich sampling trains the smallest every step; uniform and fair sampling do not', async (t) => {
  const space = getSpace();
  t.same(stepSubnets(space, 'sandwich', 2, Rng.fromSeed(1))[1], smallestGenome(space));
  const rng = Rng.fromSeed(2);
  const smallest = formatGenome(smallestGenome(space));
  for (const kind of ['uniform', 'fair'] as const) {
    const trainedSmallest = Array.from({ length: 200 }, (_, i) => stepSubnets(space, kind, 2, rng.fork(`${kind}-${i}`)))
      .filter((step) => step.slice(1).some((g) => formatGenome(g) === smallest)).length;
    t.equal(trainedSmallest, 0, `${kind}: the all-narrowest network is (almost surely) never drawn in 200 steps`);
  }
});

t.test('fair sampling gives each position distinct widths across a step while it has choices left', async (t) => {
  holds(t, 'distinct per position', fc.property(spaceArb, fc.integer({ min: 0, max: 20 }), seedArb, (space, random, seed) => {
    const draws = stepSubnets(space, 'fair', random, Rng.fromSeed(seed)).slice(1);
    return space.positions.every((position) => {
      const column = draws.map((g) => g[position.index]);
      const distinct = Math.min(draws.length, position.choices.length);
      return new Set(column.slice(0, distinct)).size === distinct;
    });
  }));
});
