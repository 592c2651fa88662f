import t from 'tap';
import { createManager, type ManagerOptions, type Strategy } from '../../populations/index.js';
import { Rng } from '../../src/random/rng.js';
import { type Individual } from '../../src/search/index.js';
import { genomeHash, position, type Genome, type GenomeSpace } from '../../src/space/index.js';

/**
 * ZDT1 (Zitzler, Deb and Thiele 2000) on a grid: 10 variables, each x = c / 20 for c in 0..20.
 * f1 = x1, g = 1 + 9 * mean(x2..x10), f2 = g (1 - sqrt(f1 / g)). The true front is x2..x10 = 0,
 * f2 = 1 - sqrt(f1), at the 21 grid values of x1.
 */
const STEPS = 20;
const space: GenomeSpace = {
  name: 'zdt1-grid',
  positions: Array.from({ length: 10 }, (_, i) => position(i, `x${i + 1}`, Array.from({ length: STEPS + 1 }, (_, c) => c))),
};
function zdt1(genome: Genome): [number, number] {
  const x = genome.map((c) => c / STEPS);
  const f1 = x[0]!;
  const g = 1 + (9 * x.slice(1).reduce((s, v) => s + v, 0)) / (x.length - 1);
  return [f1, g * (1 - Math.sqrt(f1 / g))];
}
const trueFront = Array.from({ length: STEPS + 1 }, (_, c) => [c / STEPS, 1 - Math.sqrt(c / STEPS)]);

/** Inverted generational distance: mean distance from each true-front point to the nearest found point. */
function igd(found: readonly (readonly number[])[]): number {
  const nearest = (p: number[]) => Math.min(...found.map((q) => Math.hypot(p[0]! - q[0]!, p[1]! - q[1]!)));
  return trueFront.reduce((s, p) => s + nearest(p), 0) / trueFront.length;
}

const options = (populationSize: number): ManagerOptions => ({
  space,
  populationSize,
  repair: (g) => g,
  mutation: { kind: 'neighbour', probability: 0.1 },
  crossover: { kind: 'uniform', probability: 0.9 },
  tournamentSize: 10,
  agingCapacity: 2 * populationSize,
});

/** Runs a strategy for `generations` generations through ask/tell and returns the final population. */
function optimise(strategy: Strategy, seed: number, generations = 60, populationSize = 40): Individual[] {
  const manager = createManager(strategy, options(populationSize));
  const rng = Rng.fromSeed(seed).fork('zdt1');
  let population: Individual[] = [];
  for (let g = 0; g < generations; g++) {
    const evaluated = manager.ask(population, rng).map((genome) => ({ genome, hash: genomeHash(genome, space), objectives: zdt1(genome), violation: 0 }));
    population = manager.tell(population, evaluated);
  }
  return population;
}

t.test('NSGA-II converges on ZDT1 to within an IGD of 0.02 in 60 generations of 40', async (t) => {
  for (const seed of [1, 2, 3]) {
    const population = optimise('nsga2', seed);
    t.equal(population.length, 40, 'the population keeps its size');
    const distance = igd(population.map((p) => p.objectives));
    t.ok(distance < 0.02, `seed ${seed}: IGD ${distance.toFixed(4)} < 0.02`);
  }
  const random = igd(optimise('random', 1).map((p) => p.objectives));
  t.ok(random > 0.1, `a random population is far from the front (IGD ${random.toFixed(3)})`);
});

t.test('the same seed gives the same result, a different seed another', async (t) => {
  for (const strategy of ['nsga2', 'aging', 'random'] as const) {
    const a = JSON.stringify(optimise(strategy, 7, 10, 12));
    t.equal(a, JSON.stringify(optimise(strategy, 7, 10, 12)), `${strategy}: same seed, same population`);
    t.not(a, JSON.stringify(optimise(strategy, 8, 10, 12)), `${strategy}: another seed, another population`);
  }
});
