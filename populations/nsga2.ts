/**
 * NSGA-II (Deb, Pratap, Agarwal and Meyarivan 2002, "A Fast and Elitist Multiobjective Genetic
 * Algorithm: NSGA-II", IEEE TEC 6(2)), composed from the search core and the space's operators:
 *
 * - ask: binary tournaments on (rank, crowding distance) pick parents; crossover (with its
 *   probability) and mutation make children, repaired to the budget, new to the population.
 * - tell: parents and children together are sorted into fronts by constrained domination; whole
 *   fronts fill the next population, and the front that does not fit is cut by crowding distance.
 */
import type { Rng } from '../src/random/rng.js';
import { crowdingDistance } from '../src/search/crowding.js';
import { dedupeIndividuals, type Individual } from '../src/search/individual.js';
import { nonDominatedSort } from '../src/search/nds.js';
import { crossover } from '../src/space/crossover.js';
import type { Genome } from '../src/space/genome.js';
import { mutation } from '../src/space/mutate.js';
import type { ManagerOptions, PopulationManager } from './manager.js';
import { initialGenomes, knownTo, newGenomes, nothing } from './offspring.js';

export function nsga2(options: ManagerOptions): PopulationManager {
  const { space, populationSize, repair } = options;
  const mutate = mutation(options.mutation);
  const cross = crossover(options.crossover.kind);

  const ask = (population: readonly Individual[], rng: Rng, evaluated = nothing): Genome[] => {
    const known = knownTo(population, evaluated);
    if (population.length === 0) return initialGenomes(populationSize, space, repair, rng, known);
    const { rank, crowding } = rankAndCrowding(population);
    const better = (a: number, b: number) =>
      (rank[a] as number) < (rank[b] as number) ||
      (rank[a] === rank[b] && (crowding[a] as number) > (crowding[b] as number));
    const tournament = (): Genome => {
      const [a, b] = [rng.int(population.length), rng.int(population.length)];
      return (population[better(b, a) ? b : a] as Individual).genome;
    };
    const children = (): Genome[] => {
      const [mother, father] = [tournament(), tournament()];
      const pair = rng.bool(options.crossover.probability) ? cross(mother, father, space, rng) : [mother, father];
      return pair.map((child) => mutate(child, space, rng));
    };
    return newGenomes(populationSize, children, space, repair, known);
  };

  const tell = <T extends Individual>(population: readonly T[], evaluated: readonly T[]): T[] =>
    survivors(dedupeIndividuals([...population, ...evaluated]), populationSize);

  return { strategy: 'nsga2', ask, tell };
}

/**
 * The best `size` of `pool` by NSGA-II's crowded-comparison order: front by front, the last front
 * that does not fit whole cut to its most spread-out members (ties keep the earlier member).
 */
export function survivors<T extends Individual>(pool: readonly T[], size: number): T[] {
  const fronts = nonDominatedSort(pool.map((p) => p.objectives), pool.map((p) => p.violation));
  const next: T[] = [];
  for (const front of fronts) {
    if (next.length >= size) break;
    const distance = crowdingDistance(front.map((i) => (pool[i] as T).objectives));
    const ordered = front
      .map((index, k) => ({ index, distance: distance[k] as number }))
      .sort((a, b) => b.distance - a.distance || a.index - b.index);
    for (const { index } of ordered.slice(0, size - next.length)) next.push(pool[index] as T);
  }
  return next;
}

/** Each member's front index and crowding distance within its front. */
function rankAndCrowding(population: readonly Individual[]): { rank: number[]; crowding: number[] } {
  const fronts = nonDominatedSort(population.map((p) => p.objectives), population.map((p) => p.violation));
  const rank = new Array<number>(population.length).fill(0);
  const crowding = new Array<number>(population.length).fill(0);
  fronts.forEach((front, r) => {
    const distance = crowdingDistance(front.map((i) => (population[i] as Individual).objectives));
    front.forEach((i, k) => {
      rank[i] = r;
      crowding[i] = distance[k] as number;
    });
  });
  return { rank, crowding };
}
