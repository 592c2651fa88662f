/**
 * Shared bookkeeping for proposing genomes, done once here (as pymoo's `do()` does around its
 * operators): repair to the budget, skip what is already known, and stop after a bounded number
 * of tries instead of looping forever in a small or tightly budgeted space.
 */
import type { Rng } from '../src/random/rng.js';
import type { Genome } from '../src/space/genome.js';
import { genomeHash } from '../src/space/hash.js';
import { largestGenome, sampleGenome, smallestGenome } from '../src/space/sample.js';
import type { GenomeSpace } from '../src/space/space.js';

/** Tries per genome asked for before giving up on finding new ones. */
export const TRIES_PER_GENOME = 20;

/**
 * Up to `count` genomes from `propose` (each repaired), none `known` and none twice. Fewer come
 * back only when `count * TRIES_PER_GENOME` proposals found no more new ones.
 */
export function newGenomes(
  count: number,
  propose: () => readonly Genome[],
  space: GenomeSpace,
  repair: (genome: Genome) => Genome,
  known: (hash: string) => boolean,
): Genome[] {
  const seen = new Set<string>();
  const out: Genome[] = [];
  for (let tries = 0; out.length < count && tries < count * TRIES_PER_GENOME; tries++) {
    for (const proposed of propose()) {
      const genome = repair(proposed);
      const hash = genomeHash(genome, space);
      if (seen.has(hash) || known(hash) || out.length >= count) continue;
      seen.add(hash);
      out.push(genome);
    }
  }
  return out;
}

/**
 * An evolutionary strategy's initial population: the space's largest and smallest genomes (the
 * two ends of every front, repaired to the budget), then uniform random genomes. Evolution
 * extends a front only step by step from what it has; starting from both ends saves the many
 * generations it would take to walk there, as the sandwich rule does for supernet training.
 */
export function initialGenomes(
  count: number,
  space: GenomeSpace,
  repair: (genome: Genome) => Genome,
  rng: Rng,
  known: (hash: string) => boolean,
): Genome[] {
  const ends = [largestGenome(space), smallestGenome(space)];
  let next = 0;
  return newGenomes(count, () => [next < ends.length ? (ends[next++] as Genome) : sampleGenome(space, rng)], space, repair, known);
}

/** Known to the manager: in the population, or already evaluated (the caller's cache says). */
export function knownTo(population: readonly { readonly hash: string }[], evaluated: (hash: string) => boolean): (hash: string) => boolean {
  const members = new Set(population.map((p) => p.hash));
  return (hash) => members.has(hash) || evaluated(hash);
}

/** The default "evaluated already?" when the caller keeps no cache: nothing is. */
export const nothing = (_hash: string): boolean => false;
