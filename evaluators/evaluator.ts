/** What the search needs of an evaluator, whether it runs tasks in worker threads or in-process. */
import type { EvaluationOutcome, EvaluationResult, EvaluationTask } from './task.js';

export interface Evaluator {
  /**
   * One outcome per task, in order; never rejects for a task's failure (that is an outcome).
   * `onOutcome` reports each outcome as it completes.
   */
  evaluate(tasks: readonly EvaluationTask[], onOutcome?: (index: number, outcome: EvaluationOutcome) => void): Promise<EvaluationOutcome[]>;
  close(): Promise<void>;
}

/** Bounded retries: how many times a task is tried before it is recorded as failed. */
export const DEFAULT_ATTEMPTS = 3;

/** A failure's reason, with the attempts it took. */
export function failureReason(error: unknown, attempts: number): string {
  const message = error instanceof Error ? error.message : String(error);
  return attempts > 1 ? `${message} (after ${attempts} attempts)` : message;
}

/**
 * Runs `attempt` up to `attempts` times until one resolves: the result with the tries it took, or
 * the last error's reason. The pool and the in-process evaluator retry through this one loop.
 */
export async function withRetries(attempts: number, attempt: () => Promise<EvaluationResult>): Promise<EvaluationOutcome> {
  let lastError: unknown;
  for (let tries = 1; tries <= attempts; tries++) {
    try {
      return { ok: true, result: await attempt(), attempts: tries };
    } catch (error) {
      lastError = error;
    }
  }
  return { ok: false, reason: failureReason(lastError, attempts), attempts };
}
