/**
 * The Pareto archive: every feasible, non-dominated individual seen so far, kept across
 * generations so that no strategy (aging evolution drops its oldest members) loses the front it
 * found. Its hypervolume per generation is the run's measure of progress.
 */
import { dominates } from './dominance.js';
import { hypervolume2d } from './hypervolume.js';
import type { Individual } from './individual.js';

/**
 * The archive after adding `candidates`: feasible only, non-dominated among themselves, one per
 * hash (the member already archived wins), sorted by the first objective, then the second, then
 * hash. Distinct genomes with equal objectives are all kept: neither dominates the other.
 */
export function updateArchive<T extends Individual>(archive: readonly T[], candidates: readonly T[]): T[] {
  const seen = new Set(archive.map((member) => member.hash));
  const pool = [...archive];
  for (const candidate of candidates) {
    if (candidate.violation > 0 || seen.has(candidate.hash)) continue;
    seen.add(candidate.hash);
    pool.push(candidate);
  }
  return pool
    .filter((a) => !pool.some((b) => dominates(b.objectives, a.objectives)))
    .sort(
      (a, b) =>
        (a.objectives[0] as number) - (b.objectives[0] as number) ||
        (a.objectives[1] as number) - (b.objectives[1] as number) ||
        (a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : 0),
    );
}

/**
 * The fixed reference point of every reported hypervolume, in normalised objectives
 * (error = 1 - accuracy, relative cost = cost / cost of the space's largest genome): accuracy 0,
 * and 10% above the largest genome's cost, so that every feasible genome, the largest included,
 * adds area. Reported hypervolumes therefore lie in [0, 1.1].
 */
export const HYPERVOLUME_REFERENCE: readonly [number, number] = [1, 1.1];

/**
 * The hypervolume of an archive of [error, cost] objectives, the cost divided by `costScale` (the
 * cost of the largest genome of the space), against {@link HYPERVOLUME_REFERENCE}.
 */
export function archiveHypervolume(archive: readonly Individual[], costScale: number): number {
  const points = archive.map((m) => [m.objectives[0] as number, (m.objectives[1] as number) / costScale]);
  return hypervolume2d(points, HYPERVOLUME_REFERENCE);
}
