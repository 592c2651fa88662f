/**
 * A worker host: the long-lived process behind `evo-nas worker`. It finds the runs announced on
 * the queue's Redis (a heartbeat each), takes each run's jobs with a BullMQ worker of `threads`
 * concurrency, and runs them in the usual evaluator pool, one pool per handler and options. Any
 * handler kind registered in HANDLER_MODULES runs; the host adds its own host options (backend,
 * where supernet weights come from). It announces itself for `queue status`.
 */
import { hostname } from 'node:os';
import { Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { handlerSpec, type HandlerOptions } from '../handler.js';
import { EvaluatorPool } from '../pool.js';
import type { EvaluationResult } from '../task.js';
import type { QueueConnection } from './connection.js';
import type { QueueJob } from './job.js';
import { QUEUE_PREFIX, RUN_HEARTBEAT_TTL_S, runInfoKey, RUNS_KEY, WORKER_HEARTBEAT_TTL_S, workerKey } from './keys.js';
import { evictionWarning } from './redis-checks.js';

export interface WorkerHostOptions {
  readonly connection: QueueConnection;
  /** The URL itself, passed to the pool's threads (in memory only) to fetch weights. */
  readonly url: string;
  /** Evaluator threads, and jobs taken at once per run. */
  readonly threads: number;
  readonly backend: string;
  /** Where fetched weight blobs are cached, and the cache's bound in bytes. */
  readonly cacheDir: string;
  readonly cacheBytes: number;
  /** Milliseconds a job's lock lasts without renewal: how soon a killed worker's job is taken up. */
  readonly lockMs: number;
  /** Handler options of this host that replace the run's: `dataDir` (datasets), `file` (a table). */
  readonly overrides?: HandlerOptions;
  /** Serve only this run's queue (a run's own host, with `run --queue --workers N`). */
  readonly onlyQueue?: string;
  readonly log: (line: string) => void;
  /** Node options of the pool's threads (tests leave the runner's loaders out). */
  readonly execArgv?: readonly string[];
}

const DISCOVER_MS = 1000;

export class WorkerHost {
  private readonly redis: Redis;
  private readonly workers = new Map<string, Worker<QueueJob, EvaluationResult>>();
  private readonly pools = new Map<string, EvaluatorPool>();
  private readonly timers: NodeJS.Timeout[] = [];
  private done = 0;
  private unreachable = false;
  private closed = false;
  private closing: Promise<void> | undefined;
  /** Connection options whose reconnecting stops once the host is closed (Redis may be gone). */
  private readonly connection: WorkerHostOptions['connection']['options'];

  constructor(private readonly options: WorkerHostOptions) {
    const retry = options.connection.options.retryStrategy;
    this.connection = { ...options.connection.options, retryStrategy: (times: number) => (this.closed ? (null as unknown as number) : retry(times)) };
    this.redis = new Redis({ ...this.connection });
    this.redis.on('error', () => undefined);
    this.redis.on('ready', () => {
      if (this.unreachable) this.options.log(`reconnected to ${this.options.connection.redacted}`);
      this.unreachable = false;
    });
    this.redis.on('reconnecting', () => {
      if (!this.unreachable) this.options.log(`lost ${this.options.connection.redacted}; reconnecting`);
      this.unreachable = true;
    });
  }

  async start(): Promise<void> {
    const { connection, threads, log } = this.options;
    const warning = await evictionWarning(this.redis, connection.redacted);
    if (warning) log(warning);
    log(`worker ${hostname()}:${process.pid}: ${threads} thread${threads === 1 ? '' : 's'}, waiting for runs on ${connection.redacted}`);
    await this.discover();
    await this.beat();
    this.timers.push(setInterval(() => void this.discover().catch(() => undefined), DISCOVER_MS));
    this.timers.push(setInterval(() => void this.beat().catch(() => undefined), 5000));
  }

  private async beat(): Promise<void> {
    const key = workerKey(hostname(), process.pid);
    const runs = [...this.workers.keys()].join(',');
    await this.redis
      .multi()
      .hset(key, { host: hostname(), pid: String(process.pid), threads: String(this.options.threads), done: String(this.done), runs })
      .expire(key, WORKER_HEARTBEAT_TTL_S)
      .exec();
  }

  /** Starts serving runs that appeared; stops serving runs whose heartbeat stopped. */
  private async discover(): Promise<void> {
    if (this.closing) return;
    const live = this.options.onlyQueue
      ? [this.options.onlyQueue]
      : await this.redis.zrangebyscore(RUNS_KEY, Date.now() - RUN_HEARTBEAT_TTL_S * 1000, '+inf');
    for (const queueName of live) if (!this.workers.has(queueName)) await this.serve(queueName);
    for (const [queueName, worker] of this.workers) {
      if (live.includes(queueName)) continue;
      this.workers.delete(queueName);
      this.options.log(`run ${queueName} is gone; no longer serving it`);
      await worker.close();
    }
  }

  private async serve(queueName: string): Promise<void> {
    const { threads, lockMs, log } = this.options;
    const info = await this.redis.hgetall(runInfoKey(queueName));
    const worker = new Worker<QueueJob, EvaluationResult>(queueName, (job) => this.process(queueName, job), {
      connection: { ...this.connection },
      prefix: QUEUE_PREFIX,
      concurrency: threads,
      lockDuration: lockMs,
      stalledInterval: lockMs,
      maxStalledCount: 1,
    });
    worker.on('error', () => undefined); // BullMQ reconnects; the host logs the connection's state
    worker.on('stalled', () => void this.redis.hincrby(runInfoKey(queueName), 'stalled', 1).catch(() => undefined));
    worker.on('completed', (job) => {
      this.done++;
      log(`done ${queueName}/${job.id} (${this.done} in all)`);
      // Published now, not at the next 5 s beat: queue status read right after a run ends
      // must count this job, or a worker looks idle when it did the last jobs.
      void this.beat().catch(() => undefined);
    });
    worker.on('failed', (job, error) => log(`failed ${queueName}/${job?.id ?? '?'}: ${error.message}`));
    this.workers.set(queueName, worker);
    log(`serving run ${queueName}${info.runDir ? ` (${info.runDir} on ${info.host ?? '?'})` : ''}`);
  }

  private async process(queueName: string, job: Job<QueueJob, EvaluationResult>): Promise<EvaluationResult> {
    const { kind, options, timeoutMs, task } = job.data;
    const [outcome] = await this.poolFor(queueName, kind, options, timeoutMs).evaluate([task]);
    if (!outcome?.ok) throw new Error(outcome?.reason ?? 'no outcome');
    return outcome.result;
  }

  /** One pool per run, handler and options; BullMQ does the retrying, so each pool tries once. */
  private poolFor(queueName: string, kind: string, portable: HandlerOptions, timeoutMs: number): EvaluatorPool {
    const { url, backend, cacheDir, cacheBytes, threads, execArgv, overrides } = this.options;
    const options = { ...portable, ...overrides, backend, weights: { url, queueName, cacheDir, cacheBytes } };
    const key = JSON.stringify([queueName, kind, portable, timeoutMs]);
    let pool = this.pools.get(key);
    if (!pool) {
      pool = new EvaluatorPool({ handler: handlerSpec(kind, options), workers: threads, timeoutMs, attempts: 1, ...(execArgv ? { execArgv } : {}) });
      this.pools.set(key, pool);
    }
    return pool;
  }

  /**
   * Stops taking jobs and lets the running ones finish (`force`: releases them at once; their
   * locks expire and another worker takes them up), then closes the pools and the connection.
   */
  close(force = false): Promise<void> {
    if (force) return Promise.allSettled([...this.workers.values()].map((w) => w.close(true))).then(() => undefined);
    return (this.closing ??= (async () => {
      for (const timer of this.timers) clearInterval(timer);
      await Promise.allSettled([...this.workers.values()].map((w) => w.close()));
      await Promise.allSettled([...this.pools.values()].map((p) => p.close()));
      await bounded(this.redis.del(workerKey(hostname(), process.pid)).catch(() => undefined), 2000);
      this.closed = true;
      this.redis.disconnect();
    })());
  }
}

async function bounded(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([work, new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}
