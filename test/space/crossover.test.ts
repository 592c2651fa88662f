import t from 'tap';
import fc from 'fast-check';
import { Rng } from '../../src/random/rng.js';
import { crossover, CROSSOVER_KINDS, formatGenome, getSpace, isValidGenome } from '../../src/space/index.js';
import { genomeArb, holds, seedArb, spaceArb } from '../helpers/property.js';

const kindArb = fc.constantFrom(...CROSSOVER_KINDS);
const parentsArb = spaceArb.chain((space) => fc.tuple(genomeArb(space), genomeArb(space)).map(([a, b]) => ({ space, a, b })));

t.test('every child gene comes from a parent at the same position, and the children are complementary', async (t) => {
  holds(t, 'genes inherited in place', fc.property(parentsArb, kindArb, seedArb, ({ space, a, b }, kind, seed) => {
    const [c, d] = crossover(kind)(a, b, space, Rng.fromSeed(seed));
    return c.every((gene, i) => (gene === a[i] && d[i] === b[i]) || (gene === b[i] && d[i] === a[i]));
  }));
});

t.test('offspring are valid, and the same seed crosses the same way', async (t) => {
  holds(t, 'valid and seeded', fc.property(parentsArb, kindArb, seedArb, ({ space, a, b }, kind, seed) => {
    const first = crossover(kind)(a, b, space, Rng.fromSeed(seed));
    const again = crossover(kind)(a, b, space, Rng.fromSeed(seed));
    return first.every((g) => isValidGenome(g, space)) && first.map(formatGenome).join() === again.map(formatGenome).join();
  }));
});

/** Which positions child 1 took from parent B, for parents that differ everywhere. */
function swapMask(kind: (typeof CROSSOVER_KINDS)[number], seed: number): boolean[] {
  const space = getSpace();
  const a = Array.from({ length: 19 }, () => 4);
  const b = Array.from({ length: 19 }, () => 8);
  const [child] = crossover(kind)(a, b, space, Rng.fromSeed(seed));
  return child.map((gene) => gene === 8);
}

t.test('one-point swaps one tail, two-point one inner segment, uniform about half', async (t) => {
  holds(t, 'one-point: a single cut inside the genome', fc.property(seedArb, (seed) => {
    const mask = swapMask('one-point', seed);
    const cut = mask.indexOf(true);
    return cut >= 1 && mask.every((swapped, i) => swapped === i >= cut);
  }));
  holds(t, 'two-point: one contiguous inner segment', fc.property(seedArb, (seed) => {
    const mask = swapMask('two-point', seed);
    const [low, high] = [mask.indexOf(true), mask.lastIndexOf(true) + 1];
    return low >= 1 && high <= mask.length && mask.every((swapped, i) => swapped === (i >= low && i < high));
  }));
  let swapped = 0;
  for (let seed = 0; seed < 200; seed++) swapped += swapMask('uniform', seed).filter(Boolean).length;
  // 3,800 fair coins: mean 1,900, sd ~31.
  t.ok(Math.abs(swapped - 1900) < 160, `uniform swapped ${swapped} of 3800 genes`);
});

t.test('identical parents give identical children', async (t) => {
  const space = getSpace();
  holds(t, 'clones', fc.property(genomeArb(space), kindArb, seedArb, (a, kind, seed) =>
    crossover(kind)(a, a, space, Rng.fromSeed(seed)).every((child) => formatGenome(child) === formatGenome(a))));
});
