/**
 * Evaluation in the calling thread, one task at a time: for cheap handlers (a table lookup) and
 * as the reference the pool is tested against. A task is retried on a fresh context when it
 * throws; unlike the pool, a task that hangs cannot be stopped here.
 */
import { DEFAULT_ATTEMPTS, withRetries, type Evaluator } from './evaluator.js';
import type { HandlerSpec } from './handler.js';
import { hostHandler } from './hosted.js';
import type { EvaluationOutcome, EvaluationTask } from './task.js';

export class InProcessEvaluator implements Evaluator {
  private readonly run;

  constructor(
    handler: HandlerSpec,
    private readonly attempts = DEFAULT_ATTEMPTS,
  ) {
    this.run = hostHandler(handler);
  }

  async evaluate(tasks: readonly EvaluationTask[], onOutcome?: (index: number, outcome: EvaluationOutcome) => void): Promise<EvaluationOutcome[]> {
    const outcomes: EvaluationOutcome[] = [];
    for (const [index, task] of tasks.entries()) {
      const outcome = await withRetries(this.attempts, () => this.run(task));
      outcomes.push(outcome);
      onOutcome?.(index, outcome);
    }
    return outcomes;
  }

  async close(): Promise<void> {}
}
