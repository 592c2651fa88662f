/**
 * The evaluator a run's settings ask for: the piscina pool with `workers` threads, or the calling
 * thread when `workers` is 0 (cheap handlers, debugging). Every problem opens its evaluator here.
 */
import type { Evaluator } from '../../evaluators/evaluator.js';
import type { HandlerSpec } from '../../evaluators/handler.js';
import { InProcessEvaluator } from '../../evaluators/in-process.js';
import { EvaluatorPool } from '../../evaluators/pool.js';
import type { RunConfig } from '../run/config.js';

export type EvaluatorSettings = Pick<RunConfig, 'workers' | 'evalTimeoutSeconds' | 'evalAttempts'>;

export function evaluatorFor(handler: HandlerSpec, settings: EvaluatorSettings): Evaluator {
  return settings.workers === 0
    ? new InProcessEvaluator(handler, settings.evalAttempts)
    : new EvaluatorPool({ handler, workers: settings.workers, timeoutMs: settings.evalTimeoutSeconds * 1000, attempts: settings.evalAttempts });
}
