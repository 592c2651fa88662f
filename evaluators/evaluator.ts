/** What the search needs of an evaluator, whether it runs tasks in worker threads or in-process. */
import type { EvaluationOutcome, EvaluationTask } from './task.js';

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
