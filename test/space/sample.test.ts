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
