/**
 * Mutation: each position changes with probability `probability`, independently.
 *
 * - `neighbour`: one step up or down the position's choice list (a fair coin; at either end of
 *   the list, the one step inward). Small moves, good for refining a front.
 * - `resample`: a fresh uniform draw among the position's *other* choices. Excluding the current
 *   width makes the observed change rate equal `probability` exactly, as it does for `neighbour`.
 *
 * A position with a single choice never changes.
 */
import type { Rng } from '../random/rng.js';
import type { Genome } from './genome.js';
import { checkProbability } from './probability.js';
import type { GenomeSpace } from './space.js';

export type MutationKind = 'neighbour' | 'resample';
export const MUTATION_KINDS: readonly MutationKind[] = ['neighbour', 'resample'];

export interface MutationOptions {
  /** Chance that each position changes; a common choice is 1 / genome length. */
  readonly probability: number;
  readonly kind: MutationKind;
}

export type Mutation = (genome: Genome, space: GenomeSpace, rng: Rng) => Genome;

export function mutation(options: MutationOptions): Mutation {
  const probability = checkProbability('mutation probability', options.probability);
  const move = options.kind === 'neighbour' ? neighbour : resample;
  return (genome, space, rng) =>
    space.positions.map((position) => {
      const current = genome[position.index] as number;
      if (position.choices.length < 2 || !rng.bool(probability)) return current;
      return move(position.choices, position.choices.indexOf(current), rng);
    });
}

function neighbour(choices: readonly number[], at: number, rng: Rng): number {
  const last = choices.length - 1;
  const step = at === 0 ? 1 : at === last ? -1 : rng.bool(0.5) ? 1 : -1;
  return choices[at + step] as number;
}

function resample(choices: readonly number[], at: number, rng: Rng): number {
  const draw = rng.int(choices.length - 1);
  return choices[draw >= at ? draw + 1 : draw] as number;
}
