/**
 * One shard of a data-parallel training step of a zoo model (data-parallel.ts): the gradients of
 * the shard's mean loss, written into the shard's slot of a flat gradient buffer, and the model's
 * non-trainable state (BN running statistics) as the shard's forward pass left it, written into
 * the shard's state slot. The same function runs on the main thread and in every worker, so a
 * shard's results do not depend on where they were computed.
 */
import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../random/rng.js';
import { smoothLabels, softCrossEntropy } from '../train/loss.js';
import { flatLayoutOf, sizeOf, type FlatLayout, type ShardData } from '../train/shards.js';
import { reseedStochasticLayers } from '../zoo/layers/index.js';
import { countTopK } from './model-step.js';

export interface ShardStepOptions {
  readonly step: number;
  readonly shard: number;
  readonly shards: number;
  readonly labelSmoothing: number;
}

export interface ModelShardResult {
  /** Mean loss over the shard's images. */
  readonly loss: number;
  readonly correct: number;
  /** Indices (into the trainable layout) of the variables with a gradient; the others' slots are zero. */
  readonly used: number[];
}

/** The flat layouts of a model: trainable weights, then the rest (BN running statistics). */
export interface ModelLayouts {
  readonly trainable: FlatLayout;
  readonly state: FlatLayout;
}

export function modelLayouts(model: tf.LayersModel): ModelLayouts {
  const describe = (weights: readonly tf.LayerVariable[]) => weights.map((w) => ({ name: w.originalName, shape: w.shape as number[] }));
  return { trainable: flatLayoutOf(describe(model.trainableWeights)), state: flatLayoutOf(describe(model.nonTrainableWeights)) };
}

/**
 * The stream stochastic layers (shake-shake, stochastic depth) draw from in step `step`: with one
 * shard the whole batch's stream, as a step on one thread always drew; with more, one per shard.
 */
export function shardStream(stochastic: Rng, step: number, shard: number, shards: number): Rng {
  const stepStream = stochastic.fork(`step-${step}`);
  return shards === 1 ? stepStream : stepStream.fork(`shard-${shard}`);
}

/** Computes one shard's gradients into `gradSlot` and the state its forward pass left into `stateSlot`. */
export function modelShardStep(
  model: tf.LayersModel,
  data: ShardData,
  stochastic: Rng,
  options: ShardStepOptions,
  layouts: ModelLayouts,
  gradSlot: Float32Array,
  stateSlot: Float32Array,
): ModelShardResult {
  reseedStochasticLayers(model, shardStream(stochastic, options.step, options.shard, options.shards));
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const x = tf.tensor4d(data.x, [...data.xShape]);
  const targets = tf.tensor2d(data.targets, [...data.targetShape]);
  const smoothed = smoothLabels(targets, options.labelSmoothing);
  let logits: tf.Tensor2D | undefined;
  const { value, grads } = tf.variableGrads(() => {
    const output = model.apply(x, { training: true }) as tf.Tensor2D;
    logits = tf.keep(output);
    return softCrossEntropy(output, smoothed);
  }, variables);
  try {
    const used: number[] = [];
    variables.forEach((variable, index) => {
      const offset = layouts.trainable.offsets[index] as number;
      const grad = grads[variable.name];
      if (grad) {
        gradSlot.set(grad.dataSync() as Float32Array, offset);
        used.push(index);
      } else {
        gradSlot.fill(0, offset, offset + sizeOf(layouts.trainable.shapes[index] ?? []));
      }
    });
    model.nonTrainableWeights.forEach((w, index) => stateSlot.set(w.read().dataSync() as Float32Array, layouts.state.offsets[index] as number));
    return { loss: value.dataSync()[0] as number, correct: countTopK(logits as tf.Tensor2D, targets, 1), used };
  } finally {
    tf.dispose([x, targets, smoothed, value, logits as tf.Tensor2D, ...Object.values(grads)]);
  }
}

/** Writes `flat` (trainable weights, then state, as `layouts` place them) into the model. */
export function loadModelWeights(model: tf.LayersModel, layouts: ModelLayouts, flat: Float32Array): void {
  const trainable = flat.subarray(0, layouts.trainable.size);
  const state = flat.subarray(layouts.trainable.size, layouts.trainable.size + layouts.state.size);
  model.trainableWeights.forEach((w, index) => writeFrom(w, layouts.trainable, index, trainable));
  loadModelState(model, layouts, state);
}

/** Writes `flat` state (as `layouts.state` places it) into the model's non-trainable weights. */
export function loadModelState(model: tf.LayersModel, layouts: ModelLayouts, flat: Float32Array): void {
  model.nonTrainableWeights.forEach((w, index) => writeFrom(w, layouts.state, index, flat));
}

/** The model's trainable weights, then its state, into `flat`. */
export function storeModelWeights(model: tf.LayersModel, layouts: ModelLayouts, flat: Float32Array): void {
  model.trainableWeights.forEach((w, index) => flat.set(w.read().dataSync() as Float32Array, layouts.trainable.offsets[index] as number));
  storeModelState(model, layouts, flat.subarray(layouts.trainable.size));
}

/** The model's non-trainable weights into `flat`. */
export function storeModelState(model: tf.LayersModel, layouts: ModelLayouts, flat: Float32Array): void {
  model.nonTrainableWeights.forEach((w, index) => flat.set(w.read().dataSync() as Float32Array, layouts.state.offsets[index] as number));
}

function writeFrom(weight: tf.LayerVariable, layout: FlatLayout, index: number, flat: Float32Array): void {
  const shape = layout.shapes[index] as number[];
  const offset = layout.offsets[index] as number;
  const value = tf.tensor(flat.slice(offset, offset + sizeOf(shape)), shape);
  weight.write(value);
  value.dispose();
}
