/**
 * Shared bookkeeping for proposing genomes, done once here (as pymoo's `do()` does around its
 * operators): repair to the budget, skip what is already known, and stop after a bounded number
 * of tries instead of looping forever in a small or tightly budgeted space.
 */
import type { Genome } from '../src/space/genome.js';
import { genomeHash } from '../src/space/hash.js';
import type { GenomeSpace } from '../src/space/space.js';

/** Tries per genome asked for before giving up on finding new ones. */
export const TRIES_PER_GENOME = 20;

/**
 * Up to `count` genomes from `propose` (each repaired), none whose hash is in `known` and none
 * twice. Fewer come back only when `count * TRIES_PER_GENOME` proposals found no more new ones.
 */
export function newGenomes(
  count: number,
  propose: () => readonly Genome[],
  space: GenomeSpace,
  repair: (genome: Genome) => Genome,
  known: ReadonlySet<string>,
): Genome[] {
  const seen = new Set(known);
  const out: Genome[] = [];
  for (let tries = 0; out.length < count && tries < count * TRIES_PER_GENOME; tries++) {
    for (const proposed of propose()) {
      const genome = repair(proposed);
      const hash = genomeHash(genome, space);
      if (seen.has(hash) || out.length >= count) continue;
      seen.add(hash);
      out.push(genome);
    }
  }
  return out;
}
