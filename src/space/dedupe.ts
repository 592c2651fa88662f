/** Deduplication by genome hash: keeps the first of each distinct genome, in order. */
import type { Genome } from './genome.js';
import { genomeHash } from './hash.js';
import type { GenomeSpace } from './space.js';

export function dedupeGenomes(genomes: readonly Genome[], space: GenomeSpace): Genome[] {
  const seen = new Set<string>();
  return genomes.filter((genome) => {
    const hash = genomeHash(genome, space);
    if (seen.has(hash)) return false;
    seen.add(hash);
    return true;
  });
}
