/**
 * The queue evaluator: the {@link Evaluator} a run uses with `--queue`. Each task becomes a BullMQ
 * job in the run's own queue, with its evaluation key as the job id (a job added twice is one
 * job, and a job finished before a crash is found finished on resume); workers on any host take
 * the jobs. Outcomes arrive through the queue's event stream, with a poll every second as a
 * fallback (events missed across a Redis restart; a job lost with Redis's last second of writes is
 * added again). If Redis stays unreachable past `unreachableMs`, evaluate fails with a clear
 * message instead of waiting for ever.
 */
import { hostname } from 'node:os';
import { Job, Queue, QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import { ExternalError } from '../../src/errors/errors.js';
import { failureReason, type Evaluator } from '../evaluator.js';
import type { HandlerSpec } from '../handler.js';
import type { EvaluationOutcome, EvaluationResult, EvaluationTask } from '../task.js';
import type { QueueConnection } from './connection.js';
import { handlerKind, portableOptions, type QueueJob } from './job.js';
import { jobId, QUEUE_PREFIX, runInfoKey, RUNS_KEY } from './keys.js';
import { evictionWarning } from './redis-checks.js';

export interface QueueEvaluatorOptions {
  readonly connection: QueueConnection;
  readonly queueName: string;
  readonly handler: HandlerSpec;
  readonly attempts: number;
  readonly timeoutMs: number;
  /** What `queue status` shows of the run (never the URL). */
  readonly info: Readonly<Record<string, string>>;
  /** Called once, before the first job: e.g. publish the supernet's weights. */
  readonly prepare?: (redis: Redis, queueName: string) => Promise<void>;
  /** Milliseconds Redis may stay unreachable before evaluate fails (default 60 s). */
  readonly unreachableMs?: number;
  readonly log?: (line: string) => void;
}

const HEARTBEAT_MS = 2000;
const POLL_MS = 1000;

export class QueueEvaluator implements Evaluator {
  private readonly queue: Queue;
  private readonly events: QueueEvents;
  private readonly redis: Redis;
  /** The connections this evaluator owns (BullMQ's included), so closing can drop them all. */
  private readonly clients: Redis[];
  private started: Promise<void> | undefined;
  private closed = false;
  private heartbeat: NodeJS.Timeout | undefined;
  /** Jobs waited for, by id: what to do when each finishes. */
  private readonly waiting = new Map<string, { readonly task: EvaluationTask; readonly done: (job: Job<QueueJob, EvaluationResult>, ok: boolean) => void }>();

  constructor(private readonly options: QueueEvaluatorOptions) {
    // Once closed, no connection (BullMQ's duplicates included) reconnects to a Redis that is gone.
    const connection = { ...options.connection.options, retryStrategy: (times: number) => (this.closed ? (null as unknown as number) : options.connection.options.retryStrategy(times)) };
    this.clients = [new Redis(connection), new Redis(connection), new Redis(connection)];
    for (const client of this.clients) client.on('error', () => undefined);
    const [queueClient, eventsClient, redis] = this.clients as [Redis, Redis, Redis];
    this.queue = new Queue(options.queueName, { connection: queueClient, prefix: QUEUE_PREFIX });
    this.events = new QueueEvents(options.queueName, { connection: eventsClient, prefix: QUEUE_PREFIX });
    this.redis = redis;
    // Each reconnects on its own; the watchdog below bounds how long evaluate waits.
    this.queue.on('error', () => undefined);
    this.events.on('error', () => undefined);
    this.redis.on('error', () => undefined);
    this.events.on('completed', ({ jobId }) => void this.check(jobId));
    this.events.on('failed', ({ jobId }) => void this.check(jobId));
  }

  private start(): Promise<void> {
    return (this.started ??= (async () => {
      await this.queue.waitUntilReady();
      const warning = await evictionWarning(this.redis, this.options.connection.redacted);
      if (warning) this.options.log?.(warning);
      await this.beat();
      this.heartbeat = setInterval(() => void this.beat().catch(() => undefined), HEARTBEAT_MS);
      await this.options.prepare?.(this.redis, this.options.queueName);
      this.options.log?.(`evaluating on the queue ${this.options.queueName} at ${this.options.connection.redacted}`);
    })());
  }

  private async beat(): Promise<void> {
    const { queueName, info } = this.options;
    await this.redis.multi().zadd(RUNS_KEY, Date.now(), queueName).hset(runInfoKey(queueName), { ...info, host: hostname(), pid: String(process.pid) }).exec();
  }

  async evaluate(tasks: readonly EvaluationTask[], onOutcome?: (index: number, outcome: EvaluationOutcome) => void): Promise<EvaluationOutcome[]> {
    const outcomes = new Array<EvaluationOutcome>(tasks.length);
    const ids = tasks.map(jobId);
    let remaining = tasks.length;
    let watchdog: NodeJS.Timeout | undefined;
    let poll: NodeJS.Timeout | undefined;
    try {
      return await new Promise<EvaluationOutcome[]>((resolve, reject) => {
        if (remaining === 0) return resolve(outcomes);
        watchdog = this.watchdog(reject);
        const finish = (index: number, job: Job<QueueJob, EvaluationResult>, ok: boolean) => {
          if (outcomes[index]) return;
          const attempts = Math.max(1, job.attemptsMade);
          outcomes[index] = ok
            ? { ok: true, result: job.returnvalue, attempts }
            : { ok: false, reason: failureReason(job.failedReason, attempts), attempts };
          onOutcome?.(index, outcomes[index]);
          if (--remaining === 0) resolve(outcomes);
        };
        const submit = async () => {
          await this.start();
          // Equal tasks in one batch share a job; each index waits on it.
          const byId = new Map<string, number[]>();
          ids.forEach((id, index) => byId.set(id, [...(byId.get(id) ?? []), index]));
          for (const [id, indices] of byId) {
            const task = tasks[indices[0] as number] as EvaluationTask;
            this.waiting.set(id, { task, done: (job, ok) => indices.forEach((index) => finish(index, job, ok)) });
            await this.add(task, id);
          }
          poll = setInterval(() => void Promise.all([...byId.keys()].map((id) => this.check(id, true))).catch(() => undefined), POLL_MS);
          await Promise.all([...byId.keys()].map((id) => this.check(id)));
        };
        submit().catch(reject);
      });
    } finally {
      clearInterval(watchdog);
      clearInterval(poll);
      for (const id of ids) this.waiting.delete(id);
    }
  }

  /** Adds the job; one that failed in an earlier session (a crashed run) gets a fresh set of tries. */
  private async add(task: EvaluationTask, id: string): Promise<void> {
    const { handler, attempts, timeoutMs } = this.options;
    const data: QueueJob = { task, kind: handlerKind(handler), options: portableOptions(handler.options), timeoutMs };
    const job = await this.queue.add('evaluate', data, { jobId: id, attempts, removeOnComplete: false, removeOnFail: false });
    if (!this.freshFailure.has(id) && (await job.getState()) === 'failed') {
      await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
    }
  }

  /** Failures seen in this session: not retried again when the same genome is asked for again. */
  private readonly freshFailure = new Set<string>();

  /** Reports the job if it has finished; `readd` adds it again when Redis lost it. */
  private async check(id: string, readd = false): Promise<void> {
    const waiting = this.waiting.get(id);
    if (!waiting) return;
    // The state first: a job read before it finished would lack its result.
    const state = await this.queue.getJobState(id);
    if (state === 'unknown') {
      if (!readd) return;
      this.options.log?.(`job ${id} was lost by Redis; adding it again`);
      await this.add(waiting.task, id);
      return;
    }
    if (state !== 'completed' && state !== 'failed') return;
    const job = (await Job.fromId(this.queue, id)) as Job<QueueJob, EvaluationResult> | undefined;
    if (!job) return;
    if (state === 'failed') this.freshFailure.add(id);
    if (this.waiting.delete(id)) waiting.done(job, state === 'completed');
  }

  /** Rejects when Redis has been unreachable for longer than allowed. */
  private watchdog(reject: (error: Error) => void): NodeJS.Timeout {
    const limit = this.options.unreachableMs ?? 60_000;
    let downSince: number | undefined;
    return setInterval(() => {
      if (this.redis.status === 'ready') {
        downSince = undefined;
        return;
      }
      downSince ??= Date.now();
      if (Date.now() - downSince > limit) {
        reject(
          new ExternalError(
            `Redis at ${this.options.connection.redacted} has been unreachable for ${Math.round(limit / 1000)} s; the run stops here ` +
              '(its finished generations are kept: start Redis and run the same command again to resume)',
          ),
        );
      }
    }, 500);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.heartbeat);
    await bounded(Promise.allSettled([this.events.close(), this.queue.close(), this.redis.quit()]), 3000);
    // Redis may be gone: drop the connections rather than let them reconnect for ever.
    for (const client of this.clients) client.disconnect();
  }
}

/** Waits for `work`, at most `ms` (closing must not hang on an unreachable Redis). */
async function bounded(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([work, new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}
