import t from 'tap';
import fc from 'fast-check';
import { predictorSearch, type ManagerOptions } from '../../populations/index.js';
import { Rng } from '../../src/random/rng.js';
import type { Individual } from '../../src/search/index.js';
import { genomeHash, isValidGenome, repairGenome, sampleGenome } from '../../src/space/index.js';
import { CHANNEL_BENCH_RESNET, tabularCost } from '../../src/tabular/index.js';
import { toyMetrics, toySpace } from '../helpers/problems.js';
import { holds, seedArb } from '../helpers/property.js';

const toyCost = (g: readonly number[]) => toyMetrics(g);
const options = (populationSize: number, exactCost: boolean, maxParams?: number): ManagerOptions => ({
  space: toySpace,
  populationSize,
  repair: maxParams === undefined ? (g) => g : (g) => repairGenome(g, toySpace, { maxParams }, toyCost),
  ...(exactCost ? { cost: (g) => toyMetrics(g).params } : {}),
  mutation: { kind: 'neighbour', probability: 0.2 },
  crossover: { kind: 'uniform', probability: 0.9 },
  tournamentSize: 3,
  agingCapacity: 2 * populationSize,
});
const evaluate = (genomes: readonly (readonly number[])[]): Individual[] =>
  genomes.map((genome) => ({ genome, hash: genomeHash(genome, toySpace), objectives: [1 - toyMetrics(genome).accuracy, toyMetrics(genome).params], violation: 0 }));

t.test('the predictor never proposes a genome evaluated before, in its population or known only to the cache', async (t) => {
  holds(
    t,
    'new, distinct, valid and within budget, generation after generation',
    fc.property(seedArb, fc.integer({ min: 4, max: 24 }), fc.boolean(), fc.option(fc.integer({ min: 3000, max: 9000 }), { nil: undefined }), (seed, size, exact, maxParams) => {
      const manager = predictorSearch(options(size, exact, maxParams));
      const rng = Rng.fromSeed(seed);
      // Genomes another run evaluated: the cache knows them, the population does not.
      const cached = new Set(Array.from({ length: 30 }, () => genomeHash(sampleGenome(toySpace, rng.fork('cache')), toySpace)));
      const seen = new Set(cached);
      let population: Individual[] = [];
      for (let generation = 0; generation < 5; generation++) {
        const asked = manager.ask(population, rng, (hash) => seen.has(hash));
        const hashes = asked.map((g) => genomeHash(g, toySpace));
        const ok =
          hashes.every((h) => !seen.has(h)) &&
          new Set(hashes).size === hashes.length &&
          asked.every((g) => isValidGenome(g, toySpace) && (maxParams === undefined || toyMetrics(g).params <= maxParams));
        if (!ok) return false;
        hashes.forEach((h) => seen.add(h));
        population = manager.tell(population, evaluate(asked));
      }
      return population.length === seen.size - cached.size;
    }),
    { numRuns: 30 },
  );
});

t.test('its population is every individual evaluated so far, each once, in order', async (t) => {
  const manager = predictorSearch(options(6, true));
  const [a, b] = [evaluate([[8, 8, 8, 8, 8], [16, 8, 8, 8, 8]]), evaluate([[16, 8, 8, 8, 8], [24, 8, 8, 8, 8]])];
  t.same(manager.tell(a, b).map((m) => m.genome), [[8, 8, 8, 8, 8], [16, 8, 8, 8, 8], [24, 8, 8, 8, 8]]);
});

t.test('same population and seed, same proposals; another seed, other proposals', async (t) => {
  const manager = predictorSearch(options(8, true));
  const population = evaluate(Array.from({ length: 16 }, (_, i) => sampleGenome(toySpace, Rng.fromSeed(i))));
  const ask = (seed: number) => manager.ask(population, Rng.fromSeed(seed)).map((g) => g.join('-'));
  t.same(ask(3), ask(3));
  t.not(ask(3).join(), ask(4).join());
});

t.test('on a width space whose accuracy it can learn, much of its batch is on the true front', async (t) => {
  // Accuracy additive in the widths (as the generated tables'); the true front is known by
  // enumerating all 16384 architectures: 83 of them, so a random batch of 20 holds 0.1 front
  // members on average. After 60 random evaluations, the predictor's batch of 20 (which also
  // explores where its ensemble disagrees) should hold a quarter or more.
  const space = CHANNEL_BENCH_RESNET;
  const weights = space.positions.map((_, i) => 0.2 + 0.15 * i);
  const accuracy = (g: readonly number[]) => 0.95 - space.positions.reduce((s, p, i) => s + (weights[i] as number) * 0.01 * ((p.maxChannels / (g[i] as number)) - 1), 0);
  const params = (g: readonly number[]) => tabularCost(g, space).params;
  const individual = (genome: readonly number[]): Individual => ({ genome, hash: genomeHash(genome, space), objectives: [1 - accuracy(genome), params(genome)], violation: 0 });
  const manager = predictorSearch({ ...options(20, true), space, repair: (g) => g, cost: params });
  const rng = Rng.fromSeed(11);
  const population = Array.from({ length: 60 }, () => individual(sampleGenome(space, rng)));
  const batch = manager.ask(population, rng).map(individual);
  const all: Individual[] = [];
  const codes = (n: number, digits: number[]): void => {
    if (n === space.positions.length) return void all.push(individual(digits.map((d, i) => space.positions[i]!.choices[d] as number)));
    for (let d = 0; d < 4; d++) codes(n + 1, [...digits, d]);
  };
  codes(0, []);
  const sorted = [...all].sort((x, y) => x.objectives[1]! - y.objectives[1]! || x.objectives[0]! - y.objectives[0]!);
  const front = new Set<string>();
  let best = Infinity;
  for (const m of sorted) if (m.objectives[0]! < best) [best] = [m.objectives[0]!, front.add(m.hash)];
  const onFront = batch.filter((m) => front.has(m.hash)).length;
  t.ok(onFront >= 5, `${onFront} of ${batch.length} proposals on the true front of ${front.size}`);
});
