/**
 * Data-parallel supernet training (as PyTorch's DistributedDataParallel, on threads): each batch
 * is cut into `shards` equal shards, a number stored with the run's settings; each worker thread
 * holds a replica of the supernet and computes the sandwich gradients of the shards it is given;
 * the shards' gradients, written into one SharedArrayBuffer, are averaged in shard order on the
 * main thread, which applies the one optimiser update to its supernet; the new weights go back to
 * the replicas through a shared buffer at the next step. Which worker computed which shard, and how
 * many workers there are, changes nothing: one worker and eight give bit-identical weights.
 *
 * Batch norm follows the shards, as DDP without SyncBN: each shard normalises with its own batch
 * statistics, and the full-width network's running statistics move towards the mean over the
 * shards of their statistics. In-place distillation stays within a shard: the largest subnet
 * teaches the others on the same images.
 *
 * A class because it owns a lifetime: the worker threads and the shared buffers.
 */
import * as tf from '@tensorflow/tfjs';
import type { Genome } from '../space/index.js';
import type { Sgd } from '../train/sgd.js';
import type { ArrayBatch } from '../train/tensor-batches.js';
import { runningUpdate, type StepOptions } from './sandwich.js';
import { shardGradients, storeFlatWeights, type ShardResult } from './shard-gradients.js';
export { DEFAULT_SHARDS } from '../train/shards.js';
import { meanLosses, meanOfShards, shardOf, usedGradients, type FlatLayout } from '../train/shards.js';
import { activeBackend, shardThreads, ShardPool, type DataParallelOptions } from '../train/shard-pool.js';
import { flatLayout, meanStatistics } from './shards.js';
import type { SharedStepBuffers, ShardTask, ShardWorkerData } from './shard-worker.js';
import type { Supernet } from './supernet.js';

const WORKER = new URL('./shard-worker.js', import.meta.url);

export type { DataParallelOptions } from '../train/shard-pool.js';

export class DataParallelTrainer {
  /** Worker threads in use; 0 when the shards run on the calling thread. */
  readonly workers: number;
  readonly shards: number;
  private readonly layout: FlatLayout;
  private readonly pool?: ShardPool<ShardTask, ShardResult>;
  private readonly buffers: Pick<SharedStepBuffers, 'weights' | 'grads'>;
  private weightsVersion = 0;

  constructor(
    readonly supernet: Supernet,
    private readonly optimizer: Sgd,
    options: DataParallelOptions,
  ) {
    this.shards = options.shards;
    this.workers = shardThreads(options);
    this.layout = flatLayout(supernet.layout);
    const bytes = this.layout.size * Float32Array.BYTES_PER_ELEMENT;
    this.buffers = { weights: new SharedArrayBuffer(bytes), grads: new SharedArrayBuffer(bytes * this.shards) };
    if (this.workers > 0) {
      const workerData: ShardWorkerData = { backend: activeBackend(), space: supernet.space, config: supernet.config };
      this.pool = new ShardPool(WORKER, workerData, this.workers, options.execArgv);
    }
  }

  /** One step on `batch`: every shard's sandwich gradients, averaged, one update; the subnets' losses. */
  async step(batch: ArrayBatch, genomes: readonly Genome[], options: StepOptions): Promise<number[]> {
    const xShape = batch.shape as [number, number, number, number];
    const rows = xShape[0];
    const classes = batch.labelShape[1] as number;
    if (rows % this.shards !== 0) throw new RangeError(`a batch of ${rows} images does not split into ${this.shards} equal shards`);
    const shardOptions = { labelSmoothing: options.labelSmoothing, distill: options.distill, ...(options.bnMomentum === undefined ? {} : { bnMomentum: options.bnMomentum }) };
    const shardIndices = Array.from({ length: this.shards }, (_, shard) => shard);
    let results: ShardResult[];
    if (this.pool) {
      this.weightsVersion += 1;
      storeFlatWeights(this.supernet, this.layout, new Float32Array(this.buffers.weights));
      const buffers = { ...this.buffers, ...this.pool.share(batch) };
      const task = { weightsVersion: this.weightsVersion, shards: this.shards, xShape, classes, genomes, options: shardOptions, buffers };
      results = await this.pool.run(shardIndices.map((shard) => ({ ...task, shard })));
    } else {
      const slots = new Float32Array(this.buffers.grads);
      results = shardIndices.map((shard) => {
        const slot = slots.subarray(shard * this.layout.size, (shard + 1) * this.layout.size);
        const data = shardOf(batch.data, xShape, batch.labels, classes, this.shards, shard);
        return shardGradients(this.supernet, data, genomes, shardOptions, this.layout, slot);
      });
    }
    this.update(results, options);
    return meanLosses(results.map((r) => r.losses));
  }

  /** Terminates the workers. */
  async close(): Promise<void> {
    await this.pool?.close();
  }

  /** The averaged gradients through the optimiser, and the averaged BN statistics into the running ones. */
  private update(results: readonly ShardResult[], options: StepOptions): void {
    const mean = meanOfShards(new Float32Array(this.buffers.grads), this.shards, this.layout.size);
    this.optimizer.stepArrays(usedGradients(mean, this.layout, new Set(results.flatMap((r) => r.used))), options.lr);
    const update = runningUpdate(this.supernet, options.bnMomentum ?? 0.1);
    for (const layer of meanStatistics(results.map((r) => r.statistics))) {
      const [mean, variance] = [tf.tensor1d(layer.mean), tf.tensor1d(layer.variance)];
      update(layer.layer, mean, variance, layer.count);
      tf.dispose([mean, variance]);
    }
  }
}
