/** What a population manager knows of an evaluated genome: its identity, objectives and violation. */
import type { Genome } from '../space/genome.js';
import type { Objectives } from './dominance.js';

export interface Individual {
  readonly genome: Genome;
  /** `genomeHash(genome, space)`: the identity used for deduplication and caching. */
  readonly hash: string;
  /** Every objective minimised (accuracy enters as 1 - accuracy). */
  readonly objectives: Objectives;
  /** How far the genome exceeds the budget: 0 when feasible (see `budgetViolation`). */
  readonly violation: number;
}

/** The first of each hash, in order. */
export function dedupeIndividuals<T extends Individual>(individuals: readonly T[]): T[] {
  const seen = new Set<string>();
  return individuals.filter((individual) => {
    if (seen.has(individual.hash)) return false;
    seen.add(individual.hash);
    return true;
  });
}
