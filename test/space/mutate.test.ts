import t from 'tap';
import fc from 'fast-check';
import { Rng } from '../../src/random/rng.js';
import { formatGenome, getSpace, isValidGenome, mutation, MUTATION_KINDS, sampleGenome } from '../../src/space/index.js';
import { holds, seedArb, spaceGenomeArb } from '../helpers/property.js';

const kindArb = fc.constantFrom(...MUTATION_KINDS);
const probabilityArb = fc.double({ min: 0, max: 1, noNaN: true });

t.test('offspring are always valid, and the same seed mutates the same way', async (t) => {
  holds(t, 'valid and seeded', fc.property(spaceGenomeArb, kindArb, probabilityArb, seedArb, ({ space, genome }, kind, probability, seed) => {
    const mutate = mutation({ kind, probability });
    const child = mutate(genome, space, Rng.fromSeed(seed));
    return isValidGenome(child, space) && formatGenome(child) === formatGenome(mutate(genome, space, Rng.fromSeed(seed)));
  }));
});

t.test('probability 0 is the identity and probability 1 changes every position', async (t) => {
  holds(t, 'extremes', fc.property(spaceGenomeArb, kindArb, seedArb, ({ space, genome }, kind, seed) => {
    const kept = mutation({ kind, probability: 0 })(genome, space, Rng.fromSeed(seed));
    const changed = mutation({ kind, probability: 1 })(genome, space, Rng.fromSeed(seed));
    return formatGenome(kept) === formatGenome(genome) && changed.every((w, i) => w !== genome[i]);
  }));
});

t.test("the observed rate of change matches the mutation probability", async (t) => {
  const space = getSpace();
  holds(t, 'rate within 5 standard deviations', fc.property(kindArb, fc.double({ min: 0.01, max: 0.99, noNaN: true }), seedArb, (kind, probability, seed) => {
    const rng = Rng.fromSeed(seed);
    const mutate = mutation({ kind, probability });
    let changed = 0;
    let trials = 0;
    for (let i = 0; i < 500; i++) {
      const parent = sampleGenome(space, rng);
      const child = mutate(parent, space, rng);
      changed += child.filter((w, j) => w !== parent[j]).length;
      trials += parent.length;
    }
    const sd = Math.sqrt(trials * probability * (1 - probability));
    return Math.abs(changed - trials * probability) < 5 * sd;
  }), { numRuns: 30 });
});

t.test('neighbour mutation moves one step along the choices; resample may jump anywhere else', async (t) => {
  holds(t, 'neighbour steps are adjacent', fc.property(spaceGenomeArb, seedArb, ({ space, genome }, seed) => {
    const child = mutation({ kind: 'neighbour', probability: 1 })(genome, space, Rng.fromSeed(seed));
    return space.positions.every((p) => Math.abs(p.choices.indexOf(child[p.index]!) - p.choices.indexOf(genome[p.index]!)) === 1);
  }));
  const space = getSpace();
  const rng = Rng.fromSeed(5);
  const resample = mutation({ kind: 'resample', probability: 1 });
  const reached = new Set<number>();
  for (let i = 0; i < 400; i++) reached.add(resample(sampleGenome(space, rng), space, rng)[18]!);
  t.equal(reached.size, 16, 'resample reaches every width of g[18]');
});

t.test('a probability outside [0, 1] is refused when the operator is made', async (t) => {
  t.throws(() => mutation({ kind: 'neighbour', probability: 1.5 }), { message: /mutation probability must be a probability from 0 to 1 \(got 1.5\)/ });
  t.throws(() => mutation({ kind: 'resample', probability: Number.NaN }), RangeError);
});
