/**
 * A data-parallel training worker (a piscina thread): it holds a replica of the supernet on its
 * own TensorFlow.js backend, set up on its first task. Each task is one shard of one step: the
 * replica takes the step's weights from the shared weight buffer (once per step), computes the
 * shard's gradients with shardGradients and writes them into the shard's slot of the shared
 * gradient buffer. Only losses, BN statistics and the used-variable list travel back as a message.
 */
import { workerData } from 'node:worker_threads';
import { initBackend, type Backend } from '../nn/backend.js';
import { Rng } from '../random/rng.js';
import type { Genome, ResNetSpace } from '../space/index.js';
import type { SupernetConfig } from './layout.js';
import { loadFlatWeights, shardGradients, type ShardResult } from './shard-gradients.js';
import { flatLayout } from './shards.js';
import { shardOf, type FlatLayout } from '../train/shards.js';
import type { StepOptions } from './sandwich.js';
import { Supernet } from './supernet.js';

/** What the trainer gives each worker once. */
export interface ShardWorkerData {
  readonly backend: Backend;
  readonly space: ResNetSpace;
  readonly config: SupernetConfig;
}

/** The shared buffers of a step (SharedArrayBuffers are shared, not copied, by postMessage). */
export interface SharedStepBuffers {
  /** The trainable weights, flat, as the main thread holds them after the previous update. */
  readonly weights: SharedArrayBuffer;
  /** The batch's images [batch, height, width, channels] and targets [batch, classes]. */
  readonly x: SharedArrayBuffer;
  readonly targets: SharedArrayBuffer;
  /** One slot of flat gradients per shard. */
  readonly grads: SharedArrayBuffer;
}

/** One shard of one step. */
export interface ShardTask {
  /** Changes whenever the weights do: the replica reloads them when it sees a new one. */
  readonly weightsVersion: number;
  readonly shard: number;
  readonly shards: number;
  readonly xShape: readonly [number, number, number, number];
  readonly classes: number;
  readonly genomes: readonly Genome[];
  readonly options: Omit<StepOptions, 'lr'>;
  readonly buffers: SharedStepBuffers;
}

interface Replica {
  readonly supernet: Supernet;
  readonly layout: FlatLayout;
  weightsVersion: number;
}

const setup = workerData as ShardWorkerData;
let replica: Promise<Replica> | undefined;

async function createReplica(): Promise<Replica> {
  await initBackend(setup.backend);
  // Any initial values do: the first task loads the trainer's weights.
  const supernet = Supernet.create(setup.space, setup.config, Rng.fromSeed(0));
  return { supernet, layout: flatLayout(supernet.layout), weightsVersion: -1 };
}

export default async function runShard(task: ShardTask): Promise<ShardResult> {
  const current = await (replica ??= createReplica());
  if (current.weightsVersion !== task.weightsVersion) {
    loadFlatWeights(current.supernet, current.layout, new Float32Array(task.buffers.weights));
    current.weightsVersion = task.weightsVersion;
  }
  const grads = new Float32Array(task.buffers.grads);
  return shardGradients(
    current.supernet,
    shardOf(new Float32Array(task.buffers.x), task.xShape, new Float32Array(task.buffers.targets), task.classes, task.shards, task.shard),
    task.genomes,
    task.options,
    current.layout,
    grads.subarray(task.shard * current.layout.size, (task.shard + 1) * current.layout.size),
  );
}
