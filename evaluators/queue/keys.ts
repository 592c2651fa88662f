/**
 * Names in Redis. Every run has its own BullMQ queue (so two runs sharing a Redis never take each
 * other's results); a job's id is its evaluation key, so a job added twice is one job. Runs and
 * workers announce themselves under fixed keys, so workers find runs and `queue status` finds both.
 */
import { createHash } from 'node:crypto';
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { evalSpecHash, type EvaluationTask } from '../task.js';

/** BullMQ's key prefix for evo-nas queues. */
export const QUEUE_PREFIX = 'evo-nas';
/** Sorted set: run queue name -> last heartbeat (ms since the epoch). */
export const RUNS_KEY = 'evo-nas:runs';
/** Hash per run: its host, pid, run directory, evaluator and stalled count. */
export const runInfoKey = (queueName: string) => `evo-nas:run:${queueName}`;
/** Hash per worker process (expires when it stops beating): host, pid, threads, tasks done. */
export const workerKey = (host: string, pid: number) => `evo-nas:worker:${host}:${pid}`;
export const WORKER_KEYS = 'evo-nas:worker:*';
/** A weight blob, by the sha256 of its bytes (shared by every run). */
export const blobKey = (sha256: string) => `evo-nas:blob:${sha256}`;
/** A run's supernet record (manifest and progress) of one version, as JSON. */
export const supernetKey = (queueName: string, version: number) => `evo-nas:supernet:${queueName}:${version}`;

/** Seconds without a heartbeat after which a run counts as gone (workers stop serving it). */
export const RUN_HEARTBEAT_TTL_S = 30;
/** Seconds a worker's entry lives without a heartbeat. */
export const WORKER_HEARTBEAT_TTL_S = 15;

/**
 * The queue of the run stored in `runDir` on this host: the same for a resumed run (so its
 * finished jobs are found again), another for any other run directory or host.
 */
export function runQueueName(runDir: string, host = hostname()): string {
  return `run-${createHash('sha256').update(`${host}\0${resolve(runDir)}`).digest('hex').slice(0, 16)}`;
}

/**
 * The evaluation key as a job id: genome hash, supernet version and evaluation-spec hash. Equal
 * keys give equal results, so at-least-once delivery is harmless.
 */
export function jobId(task: EvaluationTask): string {
  const genome = createHash('sha256').update(`${String(task.evalSpec.space ?? '')}|${task.genome.join(',')}`).digest('hex').slice(0, 16);
  return `${genome}-v${task.supernetVersion}-${evalSpecHash(task.evalSpec)}`;
}
