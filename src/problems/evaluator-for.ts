/**
 * The evaluator a run's settings ask for: the piscina pool with `workers` threads, or the calling
 * thread when `workers` is 0 (cheap handlers, debugging), or, with `queue`, jobs on a Redis queue
 * for `evo-nas worker`s on any host (plus `workers` threads of this host's own). Every problem
 * opens its evaluator here.
 */
import type { Redis } from 'ioredis';
import type { Evaluator } from '../../evaluators/evaluator.js';
import type { HandlerSpec } from '../../evaluators/handler.js';
import { InProcessEvaluator } from '../../evaluators/in-process.js';
import { EvaluatorPool } from '../../evaluators/pool.js';
import { parseQueueUrl } from '../../evaluators/queue/connection.js';
import type { RunQueueSettings } from '../../evaluators/queue/index.js';
import type { RunConfig } from '../run/config.js';

export type EvaluatorSettings = Pick<RunConfig, 'workers' | 'evalTimeoutSeconds' | 'evalAttempts'> &
  Partial<Pick<RunConfig, 'queue' | 'runDir' | 'evaluator'>> & {
    /** Node options of the pool's threads (tests leave the runner's loaders out). */
    readonly execArgv?: readonly string[];
  };

export interface QueueHooks {
  /** Before the first job: publish what remote workers need (a supernet's weights). */
  readonly prepare?: (redis: Redis, queueName: string) => Promise<void>;
  readonly log?: (line: string) => void;
}

export function evaluatorFor(handler: HandlerSpec, settings: EvaluatorSettings, hooks: QueueHooks = {}): Evaluator {
  if (settings.queue) {
    parseQueueUrl(settings.queue); // a bad URL is refused now, not at the first evaluation
    return lazyQueueEvaluator(handler, {
      url: settings.queue,
      runDir: settings.runDir ?? '.',
      workers: settings.workers,
      timeoutMs: settings.evalTimeoutSeconds * 1000,
      attempts: settings.evalAttempts,
      info: { runDir: settings.runDir ?? '', evaluator: settings.evaluator ?? 'supernet' },
      ...hooks,
    });
  }
  return settings.workers === 0
    ? new InProcessEvaluator(handler, settings.evalAttempts)
    : new EvaluatorPool({
        handler,
        workers: settings.workers,
        timeoutMs: settings.evalTimeoutSeconds * 1000,
        attempts: settings.evalAttempts,
        ...(settings.execArgv ? { execArgv: settings.execArgv } : {}),
      });
}

/**
 * The queue evaluator, loaded at its first use: BullMQ and ioredis take about 0.4 s to import,
 * which every command that may open an evaluator (`run --help` included) would pay otherwise.
 */
function lazyQueueEvaluator(handler: HandlerSpec, settings: RunQueueSettings): Evaluator {
  let opened: Promise<Evaluator> | undefined;
  const open = () => (opened ??= import('../../evaluators/queue/index.js').then((queue) => queue.runQueueEvaluator(handler, settings)));
  return {
    evaluate: async (tasks, onOutcome) => (await open()).evaluate(tasks, onOutcome),
    close: async () => {
      if (opened) await (await opened).close();
    },
  };
}
