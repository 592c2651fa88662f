/**
 * The architectures a ground-truth table trains: a seeded sample stratified over parameters, so
 * the table spans the space's cost range instead of crowding where uniform draws fall (the middle).
 * Many genomes are drawn uniformly, the largest and the smallest genome are added, the distinct
 * ones are sorted by exact parameter count, and `count` evenly spaced quantiles are taken — the
 * first and last of which are the smallest and the largest genome.
 */
import { InputError } from '../errors/errors.js';
import type { Rng } from '../random/rng.js';
import { formatGenome, largestGenome, sampleGenome, smallestGenome, type Genome, type GenomeSpace } from '../space/index.js';

/** Uniform draws per architecture asked for (at least `MIN_POOL` in all). */
const DRAWS_PER_ARCHITECTURE = 20;
const MIN_POOL = 1000;

/** `count` distinct genomes from smallest to largest parameter count; `paramsOf` prices one. */
export function stratifiedSample(space: GenomeSpace, count: number, rng: Rng, paramsOf: (genome: Genome) => number): Genome[] {
  if (!Number.isInteger(count) || count < 2) throw new InputError(`--architectures must be a whole number ≥ 2 (the smallest and the largest genome are always in); got ${count}`);
  const draws = Math.max(MIN_POOL, DRAWS_PER_ARCHITECTURE * count);
  const pool = new Map<string, { genome: Genome; params: number }>();
  for (const genome of [smallestGenome(space), largestGenome(space), ...Array.from({ length: draws }, () => sampleGenome(space, rng))]) {
    const text = formatGenome(genome);
    if (!pool.has(text)) pool.set(text, { genome, params: paramsOf(genome) });
  }
  if (pool.size < count) throw new InputError(`--architectures ${count} is more than the ${pool.size} distinct genomes drawn from ${space.name}`);
  // Ties in parameters are broken by the text form, so the order (and the sample) is a function of the draws alone.
  const sorted = [...pool].sort(([a, x], [b, y]) => x.params - y.params || (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v.genome);
  // Quantile k of count: steps of (L - 1) / (count - 1) >= 1, so the rounded indices are distinct.
  return Array.from({ length: count }, (_, k) => sorted[Math.round((k * (sorted.length - 1)) / (count - 1))] as Genome);
}
