/**
 * A data-parallel training worker for zoo models (a piscina thread): it builds a replica of the
 * network on its own TensorFlow.js backend on its first task. Each task is one shard of one step:
 * the replica takes the step's weights and running statistics from the shared buffer (once per
 * step), computes the shard's gradients and resulting statistics with modelShardStep into the
 * shard's slots of the shared buffers. Only the loss, the top-1 count and the used-variable list
 * travel back as a message.
 */
import { workerData } from 'node:worker_threads';
import type * as tf from '@tensorflow/tfjs';
import { initBackend, type Backend } from '../nn/backend.js';
import { Rng } from '../random/rng.js';
import { shardOf } from '../train/shards.js';
import { buildModel, resolveModel } from '../zoo/index.js';
import type { ReplicaSpec } from './data-parallel.js';
import { loadModelState, loadModelWeights, modelLayouts, modelShardStep, type ModelLayouts, type ModelShardResult, type ShardStepOptions } from './shard-step.js';

/** What the trainer gives each worker once. */
export interface ModelShardWorkerData {
  readonly backend: Backend;
  readonly replica: ReplicaSpec;
  /** The trainer's stream for stochastic layers, as its seed and fork path. */
  readonly stochastic: { readonly seed: number; readonly path: readonly string[] };
}

/** The shared buffers of a step (SharedArrayBuffers are shared, not copied, by postMessage). */
export interface ModelStepBuffers {
  /** The trainable weights then the running statistics, flat, as the main thread holds them. */
  readonly weights: SharedArrayBuffer;
  /** One slot of flat gradients per shard. */
  readonly grads: SharedArrayBuffer;
  /** One slot of running statistics per shard, as the shard's forward pass left them. */
  readonly states: SharedArrayBuffer;
  /** The batch's images [batch, height, width, channels] and targets [batch, classes]. */
  readonly x: SharedArrayBuffer;
  readonly targets: SharedArrayBuffer;
}

/** One shard of one step. */
export interface ModelShardTask {
  /** Changes whenever the weights do: the replica reloads them when it sees a new one. */
  readonly weightsVersion: number;
  readonly shard: number;
  readonly xShape: readonly [number, number, number, number];
  readonly classes: number;
  readonly options: Omit<ShardStepOptions, 'shard'>;
  readonly buffers: ModelStepBuffers;
}

interface Replica {
  readonly model: tf.LayersModel;
  readonly layouts: ModelLayouts;
  readonly stochastic: Rng;
  weightsVersion: number;
}

const setup = workerData as ModelShardWorkerData;
let replica: Promise<Replica> | undefined;

async function createReplica(): Promise<Replica> {
  await initBackend(setup.backend);
  const { replica: spec } = setup;
  // Any initial values do: the first task loads the trainer's weights.
  const model = buildModel(resolveModel(spec.model).architecture, { classes: spec.classes, inputShape: spec.inputShape, seed: 0 });
  const stochastic = setup.stochastic.path.reduce((rng, label) => rng.fork(label), Rng.fromSeed(setup.stochastic.seed));
  return { model, layouts: modelLayouts(model), stochastic, weightsVersion: -1 };
}

export default async function runModelShard(task: ModelShardTask): Promise<ModelShardResult> {
  const current = await (replica ??= createReplica());
  const { layouts } = current;
  if (current.weightsVersion !== task.weightsVersion) {
    loadModelWeights(current.model, layouts, new Float32Array(task.buffers.weights));
    current.weightsVersion = task.weightsVersion;
  }
  const [trainable, state] = [layouts.trainable.size, layouts.state.size];
  const bytes = Float32Array.BYTES_PER_ELEMENT;
  const data = shardOf(new Float32Array(task.buffers.x), task.xShape, new Float32Array(task.buffers.targets), task.classes, task.options.shards, task.shard);
  const result = modelShardStep(
    current.model,
    data,
    current.stochastic,
    { ...task.options, shard: task.shard },
    layouts,
    new Float32Array(task.buffers.grads, task.shard * trainable * bytes, trainable),
    new Float32Array(task.buffers.states, task.shard * state * bytes, state),
  );
  // The next shard of this step must start from the step's running statistics, not this shard's.
  loadModelState(current.model, layouts, new Float32Array(task.buffers.weights, trainable * bytes, state));
  return result;
}
