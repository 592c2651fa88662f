/**
 * The threads of data-parallel training, shared by the supernet's trainer and the zoo models'
 * (src/supernet/data-parallel.ts, src/model-training/data-parallel.ts): how many worker threads
 * a shard count and a worker count give, the piscina pool that computes one shard per task on
 * a replica, and the shared buffers the step's batch travels in (no copy through a message).
 *
 * A class because it owns a lifetime: the worker threads and the batch buffers.
 */
import { availableParallelism } from 'node:os';
import * as tf from '@tensorflow/tfjs';
import { Piscina } from 'piscina';
import type { Backend } from '../nn/backend.js';
import type { ArrayBatch } from './tensor-batches.js';

export interface DataParallelOptions {
  /** Equal shards per batch; the batch size must be a multiple. Part of the result, unlike workers. */
  readonly shards: number;
  /** Worker threads (at most `shards` are started); 0 or 1 computes the shards on the calling thread. Default: the core count. */
  readonly workers?: number;
  /** Node options of the worker threads (default: the process's own); `[]` keeps a test runner's loaders out. */
  readonly execArgv?: readonly string[];
}

/** A step's batch in shared memory: images [batch, h, w, c] and targets [batch, classes]. */
export interface SharedBatch {
  readonly x: SharedArrayBuffer;
  readonly targets: SharedArrayBuffer;
}

/**
 * The worker threads the options start: at most one per shard, and none where there would be
 * only one (it would leave the calling thread waiting: the shards then run there, same bits, no copies).
 */
export function shardThreads(options: DataParallelOptions): number {
  const threads = Math.min(options.workers ?? availableParallelism(), options.shards);
  return threads > 1 ? threads : 0;
}

/** The backend the replicas use: the one this thread trains on, so a shard computes the same anywhere. */
export function activeBackend(): Backend {
  const name = tf.getBackend();
  if (name === 'wasm' || name === 'cpu') return name;
  return 'node';
}

export class ShardPool<Task, Result> {
  private readonly piscina: Piscina<Task, Result>;
  private batch: SharedBatch = { x: new SharedArrayBuffer(0), targets: new SharedArrayBuffer(0) };

  /** Starts `threads` workers running `worker`'s default export, each given `workerData` once. */
  constructor(worker: URL, workerData: unknown, threads: number, execArgv?: readonly string[]) {
    this.piscina = new Piscina({
      filename: worker.href,
      workerData,
      ...(execArgv ? { execArgv: [...execArgv] } : {}),
      minThreads: threads,
      maxThreads: threads,
      idleTimeout: Infinity,
      atomics: 'disabled',
    });
  }

  /** Copies the batch into the shared buffers (new ones only when its size changes) and returns them. */
  share(batch: ArrayBatch): SharedBatch {
    if (this.batch.x.byteLength !== batch.data.byteLength || this.batch.targets.byteLength !== batch.labels.byteLength) {
      this.batch = { x: new SharedArrayBuffer(batch.data.byteLength), targets: new SharedArrayBuffer(batch.labels.byteLength) };
    }
    new Float32Array(this.batch.x).set(batch.data);
    new Float32Array(this.batch.targets).set(batch.labels);
    return this.batch;
  }

  /** Runs every task at once; the results in the tasks' order. */
  run(tasks: readonly Task[]): Promise<Result[]> {
    return Promise.all(tasks.map((task) => this.piscina.run(task)));
  }

  /** Terminates the workers. */
  async close(): Promise<void> {
    await this.piscina.destroy();
  }
}
