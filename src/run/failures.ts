/**
 * Why evaluations failed, in few words: the distinct reasons of a generation's failed candidates
 * with how often each occurred, for the generation lines, `show` and its JSON, and the error that
 * stops a run whose every evaluation failed.
 */
import { ExternalError } from '../errors/errors.js';
import type { CandidateRecord } from '../store/schema.js';

export interface FailureCount {
  readonly reason: string;
  readonly count: number;
}

/** The distinct reasons of the failed candidates, most frequent first. */
export function failureCounts(candidates: readonly CandidateRecord[]): FailureCount[] {
  const counts = new Map<string, number>();
  for (const { source, reason } of candidates) {
    if (source === 'failed') counts.set(reason ?? 'no reason recorded', (counts.get(reason ?? 'no reason recorded') ?? 0) + 1);
  }
  return [...counts].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count);
}

/** `2× timed out ...; 1× boom`: the reasons on one line. */
export function formatFailures(failures: readonly FailureCount[]): string {
  return failures.map(({ reason, count }) => `${count}× ${reason}`).join('; ');
}

/**
 * The error that stops a run when a generation evaluated something and every evaluation failed:
 * going on would search with nothing measured, and report an empty front as a success.
 */
export function allFailedError(generation: number, candidates: readonly CandidateRecord[]): ExternalError {
  const failures = failureCounts(candidates);
  const failed = failures.reduce((n, f) => n + f.count, 0);
  return new ExternalError(
    `every evaluation of generation ${generation + 1} failed (${failed} of ${failed}): ${formatFailures(failures)}. ` +
      'Fix the cause (a longer --eval-timeout-seconds, more --eval-attempts, a working evaluator) and resume the run',
  );
}
