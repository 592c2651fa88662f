/**
 * The one interface every population manager implements, in the ask/tell shape (as pymoo's
 * algorithms): `ask` proposes the genomes to evaluate next, `tell` folds their evaluations into
 * the next population. Both are pure: the population is plain data the caller keeps (and a run
 * stores after every generation), and all randomness comes from the `Rng` passed to `ask`. So a
 * run resumed from a stored population and generator state continues exactly as it would have.
 */
import type { Rng } from '../src/random/rng.js';
import type { Individual } from '../src/search/individual.js';
import type { Genome } from '../src/space/genome.js';
import type { GenomeSpace } from '../src/space/space.js';
import type { CrossoverKind } from '../src/space/crossover.js';
import type { MutationKind } from '../src/space/mutate.js';

export type Strategy = 'predictor' | 'nsga2' | 'aging' | 'random';
export const STRATEGIES: readonly Strategy[] = ['predictor', 'nsga2', 'aging', 'random'];

export interface PopulationManager {
  readonly strategy: Strategy;
  /**
   * The genomes to evaluate next: valid, within budget, distinct from each other, from the
   * population and from what `evaluated` says was evaluated already (as far as the space allows;
   * the evaluation cache serves any repeat). An empty population asks for the initial one.
   */
  ask(population: readonly Individual[], rng: Rng, evaluated?: (hash: string) => boolean): Genome[];
  /** The next population, from the current one and the individuals just evaluated (failures left out). */
  tell<T extends Individual>(population: readonly T[], evaluated: readonly T[]): T[];
}

export interface ManagerOptions {
  readonly space: GenomeSpace;
  /** Genomes asked for per generation (and the population NSGA-II keeps). */
  readonly populationSize: number;
  /** Brings a genome within the run's budget (identity when there is none); see `repairGenome`. */
  readonly repair: (genome: Genome) => Genome;
  /**
   * The cost objective of a genome without evaluating it (the problem's cost model), for the
   * predictor strategy; absent, that strategy predicts the cost as it predicts accuracy.
   */
  readonly cost?: (genome: Genome) => number;
  readonly mutation: { readonly kind: MutationKind; readonly probability: number };
  /** NSGA-II only. */
  readonly crossover: { readonly kind: CrossoverKind; readonly probability: number };
  /** Aging evolution only: how many members a tournament samples. */
  readonly tournamentSize: number;
  /** Aging evolution only: how many of the most recent individuals stay alive. */
  readonly agingCapacity: number;
}
