/**
 * What `evo-nas queue status` reports: per run, its jobs by state and when it last beat; and the
 * worker processes connected now (their entries expire when they stop beating).
 */
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { QueueConnection } from './connection.js';
import { QUEUE_PREFIX, runInfoKey, RUNS_KEY, WORKER_KEYS } from './keys.js';

export interface RunQueueStatus {
  readonly queue: string;
  readonly runDir: string;
  readonly host: string;
  readonly evaluator: string;
  /** Seconds since the run's last heartbeat. */
  readonly lastSeenSeconds: number;
  readonly waiting: number;
  readonly active: number;
  readonly completed: number;
  readonly failed: number;
  /** Jobs a worker's stalled-job check took back from a worker that stopped renewing its lock. */
  readonly stalled: number;
}

export interface WorkerStatus {
  readonly host: string;
  readonly pid: number;
  readonly threads: number;
  readonly done: number;
  readonly runs: readonly string[];
}

export interface QueueStatus {
  readonly runs: readonly RunQueueStatus[];
  readonly workers: readonly WorkerStatus[];
}

export async function queueStatus(connection: QueueConnection): Promise<QueueStatus> {
  // Fail fast here: status is a question, not a long-lived connection.
  const options = { ...connection.options, maxRetriesPerRequest: 1, retryStrategy: () => null as unknown as number };
  const redis = new Redis(options);
  redis.on('error', () => undefined);
  try {
    const entries = await redis.zrangebyscore(RUNS_KEY, '-inf', '+inf', 'WITHSCORES');
    const runs: RunQueueStatus[] = [];
    for (let i = 0; i < entries.length; i += 2) {
      const name = entries[i] as string;
      const queue = new Queue(name, { connection: options, prefix: QUEUE_PREFIX });
      queue.on('error', () => undefined);
      try {
        const counts = await queue.getJobCounts('waiting', 'prioritized', 'delayed', 'active', 'completed', 'failed');
        const info = await redis.hgetall(runInfoKey(name));
        runs.push({
          queue: name,
          runDir: info.runDir ?? '',
          host: info.host ?? '',
          evaluator: info.evaluator ?? '',
          lastSeenSeconds: Math.round((Date.now() - Number(entries[i + 1])) / 1000),
          waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0) + (counts.delayed ?? 0),
          active: counts.active ?? 0,
          completed: counts.completed ?? 0,
          failed: counts.failed ?? 0,
          stalled: Number(info.stalled ?? 0),
        });
      } finally {
        await queue.close();
      }
    }
    const workers: WorkerStatus[] = [];
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', WORKER_KEYS, 'COUNT', 100);
      cursor = next;
      for (const key of keys) {
        const info = await redis.hgetall(key);
        if (!info.host) continue;
        workers.push({ host: info.host, pid: Number(info.pid), threads: Number(info.threads), done: Number(info.done), runs: info.runs ? info.runs.split(',') : [] });
      }
    } while (cursor !== '0');
    workers.sort((a, b) => (a.host === b.host ? a.pid - b.pid : a.host < b.host ? -1 : 1));
    return { runs, workers };
  } finally {
    redis.disconnect();
  }
}

/** The status as text: a table of runs, then one of workers. */
export function formatQueueStatus(status: QueueStatus, where: string): string {
  const lines = [`queue ${where}: ${status.runs.length} run${status.runs.length === 1 ? '' : 's'}, ${status.workers.length} worker${status.workers.length === 1 ? '' : 's'} connected`];
  if (status.runs.length > 0) {
    lines.push('', 'run queue              waiting  active  completed  failed  stalled  last seen  run directory (host)');
    for (const r of status.runs) {
      lines.push(
        `${r.queue.padEnd(22)} ${String(r.waiting).padStart(7)} ${String(r.active).padStart(7)} ${String(r.completed).padStart(10)} ${String(r.failed).padStart(7)} ${String(r.stalled).padStart(8)} ${`${r.lastSeenSeconds} s`.padStart(10)}  ${r.runDir} (${r.host})`,
      );
    }
  }
  if (status.workers.length > 0) {
    lines.push('', 'worker (host:pid)                threads  tasks done  serving');
    for (const w of status.workers) {
      lines.push(`${`${w.host}:${w.pid}`.padEnd(32)} ${String(w.threads).padStart(7)} ${String(w.done).padStart(11)}  ${w.runs.join(', ') || '-'}`);
    }
  }
  return lines.join('\n');
}
