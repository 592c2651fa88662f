/**
 * A stable identity for a genome, for caches and deduplication: the first 16 hex digits (64 bits)
 * of sha256("<space name>|<canonical text>"). It depends only on the space's name and the
 * widths, so it is the same across runs, processes and machines.
 */
import { createHash } from 'node:crypto';
import { formatGenome, type Genome } from './genome.js';
import type { GenomeSpace } from './space.js';

export function genomeHash(genome: Genome, space: GenomeSpace): string {
  return createHash('sha256').update(`${space.name}|${formatGenome(genome)}`).digest('hex').slice(0, 16);
}
