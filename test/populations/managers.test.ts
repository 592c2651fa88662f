import t from 'tap';
import fc from 'fast-check';
import { createManager, STRATEGIES, type ManagerOptions } from '../../populations/index.js';
import { survivors } from '../../populations/nsga2.js';
import { Rng } from '../../src/random/rng.js';
import type { Individual } from '../../src/search/index.js';
import { formatGenome, genomeHash, isValidGenome, largestGenome, repairGenome, smallestGenome } from '../../src/space/index.js';
import { toyMetrics, toySpace } from '../helpers/problems.js';
import { holds, seedArb } from '../helpers/property.js';

const member = (hash: string, objectives: number[], violation = 0): Individual => ({ genome: [], hash, objectives, violation });
const cost = (g: readonly number[]) => toyMetrics(g);
const options = (populationSize: number, maxParams?: number): ManagerOptions => ({
  space: toySpace,
  populationSize,
  repair: maxParams === undefined ? (g) => g : (g) => repairGenome(g, toySpace, { maxParams }, cost),
  mutation: { kind: 'neighbour', probability: 0.2 },
  crossover: { kind: 'uniform', probability: 0.9 },
  tournamentSize: 3,
  agingCapacity: 2 * populationSize,
});
const evaluate = (genomes: readonly (readonly number[])[]): Individual[] =>
  genomes.map((genome) => ({ genome, hash: genomeHash(genome, toySpace), objectives: [1 - toyMetrics(genome).accuracy, toyMetrics(genome).params], violation: 0 }));

t.test('NSGA-II survival keeps whole fronts, then the most spread-out members of the front that does not fit', async (t) => {
  const pool = [
    member('a', [0, 4]), member('b', [1, 3]), member('c', [2, 2]), member('d', [3, 1]), member('e', [4, 0]), // front 1
    member('f', [5, 5]), // front 2
    member('g', [0, 0], 0.1), // infeasible: ranks last despite its objectives
  ];
  const sorted = (size: number) => survivors(pool, size).map((m) => m.hash).sort();
  t.same(sorted(5), ['a', 'b', 'c', 'd', 'e']);
  t.same(sorted(6), ['a', 'b', 'c', 'd', 'e', 'f']);
  // Cutting front 1 to 3: the two ends (infinite crowding), then the widest inner gap; on a
  // straight line the inner points tie at 1, and the earlier one is kept.
  t.same(survivors(pool, 3).map((m) => m.hash), ['a', 'e', 'b']);
  t.same(sorted(10), ['a', 'b', 'c', 'd', 'e', 'f', 'g'], 'a pool smaller than the population survives whole');
  t.same(survivors(pool, 7).map((m) => m.hash), ['a', 'e', 'b', 'c', 'd', 'f', 'g'], 'front by front, each in crowding order');
});

t.test('aging evolution keeps the newest members, oldest dying first', async (t) => {
  const aging = createManager('aging', options(4));
  const [old, young] = [evaluate([[8, 8, 8, 8, 8], [16, 8, 8, 8, 8]]), evaluate([[24, 8, 8, 8, 8], [32, 8, 8, 8, 8], [8, 16, 8, 8, 8], [8, 24, 8, 8, 8], [8, 32, 8, 8, 8], [8, 8, 16, 8, 8]])];
  const all = [...old, ...young];
  t.same(aging.tell(old, young).map((m) => m.hash), all.map((m) => m.hash), 'capacity 8 (twice the population of 4): all 8 stay, oldest first');
  const newest = evaluate([[8, 8, 24, 8, 8], [8, 8, 32, 8, 8]]);
  t.same(aging.tell(all, newest).map((m) => m.hash), [...all.slice(2), ...newest].map((m) => m.hash), 'two newcomers: the two oldest die, however good they were');
});

t.test('every strategy asks for valid, distinct, new genomes within budget; the first batch holds both ends of the space', async (t) => {
  holds(t, 'valid, distinct, new, within budget', fc.property(fc.constantFrom(...STRATEGIES), seedArb, fc.integer({ min: 2000, max: 9000 }), (strategy, seed, maxParams) => {
    const manager = createManager(strategy, options(6, maxParams));
    const rng = Rng.fromSeed(seed);
    const first = manager.ask([], rng);
    let population = manager.tell([], evaluate(first));
    const seen = new Set(first.map((g) => genomeHash(g, toySpace)));
    const asked = manager.ask(population, rng, (hash) => seen.has(hash));
    population = manager.tell(population, evaluate(asked));
    const hashes = asked.map((g) => genomeHash(g, toySpace));
    const ends = [largestGenome(toySpace), smallestGenome(toySpace)].map((g) => formatGenome(repairGenome(g, toySpace, { maxParams }, cost)));
    return (
      [...first, ...asked].every((g) => isValidGenome(g, toySpace) && cost(g).params <= maxParams) &&
      new Set(hashes).size === hashes.length &&
      hashes.every((h) => !seen.has(h)) &&
      ends.every((end) => first.some((g) => formatGenome(g) === end)) &&
      population.length > 0
    );
  }), { numRuns: 40 });
});
