/**
 * The queue evaluator a run opens with `--queue URL`: jobs on the run's own queue, taken by
 * `evo-nas worker`s anywhere, and, with `workers` > 0, by a worker host inside the run's process
 * as well (serving this run only).
 */
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import type { Evaluator } from '../evaluator.js';
import type { HandlerSpec } from '../handler.js';
import { parseQueueUrl } from './connection.js';
import { runQueueName } from './keys.js';
import { QueueEvaluator } from './queue-evaluator.js';
import { WorkerHost } from './worker-host.js';

export { parseQueueUrl, redactQueueUrl } from './connection.js';
export { runQueueName } from './keys.js';

export interface RunQueueSettings {
  readonly url: string;
  readonly runDir: string;
  /** Threads of this host's own worker (0: none). */
  readonly workers: number;
  readonly timeoutMs: number;
  readonly attempts: number;
  readonly info: Readonly<Record<string, string>>;
  readonly prepare?: (redis: Redis, queueName: string) => Promise<void>;
  readonly log?: (line: string) => void;
}

export function runQueueEvaluator(handler: HandlerSpec, settings: RunQueueSettings): Evaluator {
  const connection = parseQueueUrl(settings.url);
  const queueName = runQueueName(settings.runDir);
  const log = settings.log ?? (() => undefined);
  const evaluator = new QueueEvaluator({
    connection,
    queueName,
    handler,
    attempts: settings.attempts,
    timeoutMs: settings.timeoutMs,
    info: settings.info,
    ...(settings.prepare ? { prepare: settings.prepare } : {}),
    log,
  });
  if (settings.workers === 0) return evaluator;
  const host = new WorkerHost({
    connection,
    url: settings.url,
    threads: settings.workers,
    backend: String(handler.options.backend ?? 'auto'),
    cacheDir: join(settings.runDir, 'weight-cache'),
    cacheBytes: 1 << 30,
    lockMs: 30_000,
    onlyQueue: queueName,
    log: () => undefined,
  });
  let started: Promise<void> | undefined;
  return {
    async evaluate(tasks, onOutcome) {
      await (started ??= host.start());
      return evaluator.evaluate(tasks, onOutcome);
    },
    async close() {
      await host.close();
      await evaluator.close();
    },
  };
}
