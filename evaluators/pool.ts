/**
 * The evaluator pool: N piscina worker threads, each hosting the same handler with its own
 * context (set up once, on its first task). Workers are stateless towards tasks — any worker
 * takes any task. A task that throws is retried on a fresh context; one that runs past the
 * timeout has its worker terminated (piscina starts a replacement) and is retried; one whose
 * worker dies (process.exit, a crash) is retried on the replacement. After `attempts` tries the
 * task is recorded as failed with the reason, and the other tasks go on.
 *
 * An attempt's timeout counts from the moment its worker reports starting the evaluation (so
 * neither the start of a thread nor the handler's one-time setup on a worker's first task
 * counts: a 1-second timeout must not fail every first task); a worker that does not get that far
 * within `startTimeoutMs` is replaced as well.
 */
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { DEFAULT_ATTEMPTS, withRetries, type Evaluator } from './evaluator.js';
import type { HandlerSpec } from './handler.js';
import type { EvaluationOutcome, EvaluationResult, EvaluationTask } from './task.js';
import type { Attempt, AttemptStarted } from './worker.js';

const WORKER = new URL('./worker.js', import.meta.url);

export interface PoolOptions {
  readonly handler: HandlerSpec;
  /** Worker threads (default: the machine's available parallelism). */
  readonly workers?: number;
  /** Milliseconds one attempt may run before its worker is terminated (default 10 minutes). */
  readonly timeoutMs?: number;
  /** Tries per task before it is recorded as failed (default 3). */
  readonly attempts?: number;
  /** Milliseconds a worker may take to start an attempt it was given, its setup included (default 5 minutes). */
  readonly startTimeoutMs?: number;
  /**
   * Node options of the worker threads (default: the process's own, as Node does). A test
   * runner's loaders, inherited, can make each worker start ten times slower; `[]` leaves them out.
   */
  readonly execArgv?: readonly string[];
}

export const DEFAULT_TIMEOUT_MS = 10 * 60 * 1000;
export const DEFAULT_START_TIMEOUT_MS = 5 * 60 * 1000;

export class EvaluatorPool implements Evaluator {
  readonly workers: number;
  readonly timeoutMs: number;
  readonly attempts: number;
  readonly startTimeoutMs: number;
  private readonly piscina: Piscina<Attempt, EvaluationResult>;
  /** Attempts given to a worker, by id, waiting for it to report that it started them. */
  private readonly starting = new Map<number, () => void>();
  private nextAttempt = 0;

  constructor(options: PoolOptions) {
    this.workers = checkCount('workers', options.workers ?? availableParallelism());
    this.timeoutMs = checkCount('timeoutMs', options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    this.attempts = checkCount('attempts', options.attempts ?? DEFAULT_ATTEMPTS);
    this.startTimeoutMs = checkCount('startTimeoutMs', options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS);
    this.piscina = new Piscina({
      filename: WORKER.href,
      workerData: options.handler,
      ...(options.execArgv ? { execArgv: [...options.execArgv] } : {}),
      minThreads: this.workers,
      maxThreads: this.workers,
      idleTimeout: Infinity, // workers live as long as the pool
      // Tasks are asynchronous; let the worker's event loop run between them.
      atomics: 'disabled',
    });
    // A worker that errors between tasks is replaced by piscina; nothing is lost, and an
    // unhandled 'error' event must not end the process.
    this.piscina.on('error', () => undefined);
    this.piscina.on('message', (message: Partial<AttemptStarted>) => {
      if (typeof message?.evoNasAttemptStarted === 'number') this.starting.get(message.evoNasAttemptStarted)?.();
    });
  }

  /**
   * Runs the tasks, at most one per worker at a time (so an attempt's timeout measures its own
   * run, never time spent queued); one outcome per task, in order.
   */
  async evaluate(tasks: readonly EvaluationTask[], onOutcome?: (index: number, outcome: EvaluationOutcome) => void): Promise<EvaluationOutcome[]> {
    const outcomes = new Array<EvaluationOutcome>(tasks.length);
    let next = 0;
    const lane = async () => {
      while (next < tasks.length) {
        const index = next++;
        const outcome = await withRetries(this.attempts, () => this.attempt(tasks[index] as EvaluationTask));
        outcomes[index] = outcome;
        onOutcome?.(index, outcome);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.workers, tasks.length) }, lane));
    return outcomes;
  }

  private async attempt(task: EvaluationTask): Promise<EvaluationResult> {
    const id = this.nextAttempt++;
    const controller = new AbortController();
    let reason = `did not start within ${this.startTimeoutMs} ms; the worker was replaced`;
    let timer = setTimeout(() => controller.abort(), this.startTimeoutMs);
    this.starting.set(id, () => {
      clearTimeout(timer);
      reason = `timed out after ${this.timeoutMs} ms; the worker was replaced`;
      timer = setTimeout(() => controller.abort(), this.timeoutMs);
    });
    try {
      return await this.piscina.run({ id, task }, { signal: controller.signal });
    } catch (error) {
      if (controller.signal.aborted) throw new Error(reason);
      throw error;
    } finally {
      clearTimeout(timer);
      this.starting.delete(id);
    }
  }

  /** Terminates the workers. */
  async close(): Promise<void> {
    await this.piscina.destroy();
  }
}

function checkCount(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`EvaluatorPool ${name} must be a whole number ≥ 1 (got ${value})`);
  return value;
}
