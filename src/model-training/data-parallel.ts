/**
 * Data-parallel training of a zoo model or an exported entry (`evo-nas train --shards S
 * --workers N`), the same scheme as the supernet's (src/supernet/data-parallel.ts): each batch is
 * cut into `shards` equal shards, a setting stored with the run; each worker thread holds a
 * replica of the network and computes the gradients of the shards it is given into their slots
 * of one SharedArrayBuffer; the main thread averages the slots in shard order and applies the one
 * optimiser update; the new weights reach the replicas through a second shared buffer. One worker
 * or eight give bit-identical weights.
 *
 * Batch norm follows the shards, as DDP without SyncBN: each shard normalises with its own batch
 * statistics, and each shard's forward pass moves the running statistics from the same starting
 * values; the new running statistics are the shards' results averaged in shard order, which is
 * the update by the mean of the shards' batch statistics. Shards also bound memory: a step keeps
 * one shard's activations per thread, so `--workers 0 --shards 4` trains a batch of 128 in the
 * memory of a batch of 32 (gradient accumulation, with BN over 32 images).
 *
 * A class because it owns a lifetime: the worker threads and the shared buffers.
 */
import type * as tf from '@tensorflow/tfjs';
import type { Rng } from '../random/rng.js';
import { activeBackend, shardThreads, ShardPool, type DataParallelOptions } from '../train/shard-pool.js';
import type { Sgd } from '../train/sgd.js';
import { meanOfShards, shardOf, usedGradients } from '../train/shards.js';
import type { ArrayBatch } from '../train/tensor-batches.js';
import type { ModelStepResult } from './model-step.js';
import { loadModelState, modelLayouts, modelShardStep, storeModelState, storeModelWeights, type ModelLayouts, type ModelShardResult } from './shard-step.js';
import type { ModelShardTask, ModelShardWorkerData, ModelStepBuffers } from './shard-worker.js';

const WORKER = new URL('./shard-worker.js', import.meta.url);

/** What a worker needs to build a replica of the network: the same as the trainer's, any weights. */
export interface ReplicaSpec {
  /** A zoo registry name or an exported entry's folder (as the settings hold it). */
  readonly model: string;
  readonly classes: number;
  readonly inputShape: readonly [number, number, number];
}

export interface ParallelStepOptions {
  readonly step: number;
  readonly lr: number;
  readonly labelSmoothing: number;
}

export class ModelDataParallel {
  /** Worker threads in use; 0 when the shards run on the calling thread. */
  readonly workers: number;
  readonly shards: number;
  private readonly layouts: ModelLayouts;
  private readonly pool?: ShardPool<ModelShardTask, ModelShardResult>;
  private readonly buffers: Pick<ModelStepBuffers, 'weights' | 'grads' | 'states'>;
  private weightsVersion = 0;

  constructor(
    private readonly model: tf.LayersModel,
    private readonly optimizer: Sgd,
    /** The stream stochastic layers draw from (its fork per step and shard: shardStream). */
    private readonly stochastic: Rng,
    replica: ReplicaSpec,
    options: DataParallelOptions,
  ) {
    this.shards = options.shards;
    this.workers = shardThreads(options);
    this.layouts = modelLayouts(model);
    const [trainable, state] = [this.layouts.trainable.size, this.layouts.state.size].map((n) => n * Float32Array.BYTES_PER_ELEMENT) as [number, number];
    this.buffers = {
      weights: new SharedArrayBuffer(trainable + state),
      grads: new SharedArrayBuffer(trainable * this.shards),
      states: new SharedArrayBuffer(state * this.shards),
    };
    if (this.workers > 0) {
      const workerData: ModelShardWorkerData = { backend: activeBackend(), replica, stochastic: { seed: stochastic.seed, path: [...stochastic.path] } };
      this.pool = new ShardPool(WORKER, workerData, this.workers, options.execArgv);
    }
  }

  /** One step on `batch`: every shard's gradients, averaged, one update; the batch's mean loss and top-1 count. */
  async step(batch: ArrayBatch, options: ParallelStepOptions): Promise<ModelStepResult> {
    const xShape = batch.shape as [number, number, number, number];
    const classes = batch.labelShape[1] as number;
    if (xShape[0] % this.shards !== 0) throw new RangeError(`a batch of ${xShape[0]} images does not split into ${this.shards} equal shards`);
    const shardIndices = Array.from({ length: this.shards }, (_, shard) => shard);
    const shardOptions = { step: options.step, shards: this.shards, labelSmoothing: options.labelSmoothing };
    let results: ModelShardResult[];
    if (this.pool) {
      this.weightsVersion += 1;
      storeModelWeights(this.model, this.layouts, new Float32Array(this.buffers.weights));
      const buffers = { ...this.buffers, ...this.pool.share(batch) };
      const task = { weightsVersion: this.weightsVersion, xShape, classes, options: shardOptions, buffers };
      results = await this.pool.run(shardIndices.map((shard) => ({ ...task, shard })));
    } else {
      // Every shard's forward pass must start from the step's running statistics, as on a replica.
      const before = new Float32Array(this.layouts.state.size);
      storeModelState(this.model, this.layouts, before);
      results = shardIndices.map((shard) => {
        const data = shardOf(batch.data, xShape, batch.labels, classes, this.shards, shard);
        const result = modelShardStep(this.model, data, this.stochastic, { ...shardOptions, shard }, this.layouts, this.gradSlot(shard), this.stateSlot(shard));
        loadModelState(this.model, this.layouts, before);
        return result;
      });
    }
    this.update(results, options.lr);
    return { loss: results.reduce((sum, r) => sum + r.loss, 0) / this.shards, correct: results.reduce((sum, r) => sum + r.correct, 0) };
  }

  /** Terminates the workers. */
  async close(): Promise<void> {
    await this.pool?.close();
  }

  private gradSlot(shard: number): Float32Array {
    const size = this.layouts.trainable.size;
    return new Float32Array(this.buffers.grads, shard * size * Float32Array.BYTES_PER_ELEMENT, size);
  }

  private stateSlot(shard: number): Float32Array {
    const size = this.layouts.state.size;
    return new Float32Array(this.buffers.states, shard * size * Float32Array.BYTES_PER_ELEMENT, size);
  }

  /** The averaged gradients through the optimiser; the averaged running statistics into the model. */
  private update(results: readonly ModelShardResult[], lr: number): void {
    const { trainable, state } = this.layouts;
    const mean = meanOfShards(new Float32Array(this.buffers.grads), this.shards, trainable.size);
    this.optimizer.stepArrays(usedGradients(mean, trainable, new Set(results.flatMap((r) => r.used))), lr);
    if (state.size > 0) loadModelState(this.model, this.layouts, meanOfShards(new Float32Array(this.buffers.states), this.shards, state.size));
  }
}
