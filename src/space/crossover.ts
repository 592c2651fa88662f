/**
 * Crossover of two parents into two children; every child gene comes from one of the parents at
 * the same position, and the two children are complementary (where one took parent A's gene, the
 * other took parent B's).
 *
 * - `uniform`: each position swapped with probability 1/2.
 * - `one-point`: one cut in 1..length-1; genes after it swap.
 * - `two-point`: two distinct cuts; genes between them swap.
 */
import type { Rng } from '../random/rng.js';
import type { Genome } from './genome.js';
import type { GenomeSpace } from './space.js';

export type CrossoverKind = 'uniform' | 'one-point' | 'two-point';
export const CROSSOVER_KINDS: readonly CrossoverKind[] = ['uniform', 'one-point', 'two-point'];

export type Crossover = (a: Genome, b: Genome, space: GenomeSpace, rng: Rng) => [Genome, Genome];

export function crossover(kind: CrossoverKind): Crossover {
  const pickSwaps = SWAP_MASKS[kind];
  return (a, b, _space, rng) => {
    const swap = pickSwaps(a.length, rng);
    return [a.map((gene, i) => (swap[i] ? (b[i] as number) : gene)), b.map((gene, i) => (swap[i] ? (a[i] as number) : gene))];
  };
}

/** For each kind: which positions the children take from the other parent. */
const SWAP_MASKS: Record<CrossoverKind, (length: number, rng: Rng) => boolean[]> = {
  uniform: (length, rng) => Array.from({ length }, () => rng.bool(0.5)),
  'one-point': (length, rng) => {
    if (length < 2) return Array.from({ length }, () => false);
    const cut = 1 + rng.int(length - 1);
    return Array.from({ length }, (_, i) => i >= cut);
  },
  'two-point': (length, rng) => {
    if (length < 3) return Array.from({ length }, () => false);
    // Two distinct cuts in 1..length-1; the genes in [first, second) swap.
    const first = 1 + rng.int(length - 1);
    let second = 1 + rng.int(length - 2);
    if (second >= first) second += 1;
    const [low, high] = first < second ? [first, second] : [second, first];
    return Array.from({ length }, (_, i) => i >= low && i < high);
  },
};
