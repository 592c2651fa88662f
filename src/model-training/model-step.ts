/**
 * Training and evaluating a TensorFlow.js LayersModel (a zoo architecture or a searched entry)
 * with evo-nas's own optimiser and losses, so a standalone network trains with exactly the SGD,
 * schedules, label smoothing and soft targets (Mixup, CutMix) of the supernet.
 *
 * Stochastic layers (shake-shake, stochastic depth) are reseeded from `rng.fork("step-k")` before
 * step k, so a run resumed at a step draws what the uninterrupted run drew.
 */
import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../random/rng.js';
import type { NamedTensor } from '../store/schema.js';
import { reseedStochasticLayers } from '../zoo/layers/index.js';
import { smoothLabels, softCrossEntropy } from '../train/loss.js';
import type { TrainBatch } from '../train/batch.js';
import type { Sgd } from '../train/sgd.js';

/** The model's trainable variables by their layer-qualified names (what the optimiser keys on). */
export function modelVariables(model: tf.LayersModel): Map<string, tf.Variable> {
  return new Map(model.trainableWeights.map((w) => [w.originalName, w.read() as tf.Variable]));
}

export interface ModelStepOptions {
  readonly step: number;
  readonly lr: number;
  /** Label smoothing epsilon; 0 for none. */
  readonly labelSmoothing: number;
  readonly rng: Rng;
}

export interface ModelStepResult {
  /** Mean loss over the batch (against the smoothed targets). */
  readonly loss: number;
  /** Images whose top-scoring class is the target's largest class (for Mixup/CutMix: the dominant one). */
  readonly correct: number;
}

/** One SGD step on `batch` in training mode (BN uses and updates batch statistics). */
export function modelTrainStep(
  model: tf.LayersModel,
  variables: ReadonlyMap<string, tf.Variable>,
  optimizer: Sgd,
  batch: TrainBatch,
  options: ModelStepOptions,
): ModelStepResult {
  reseedStochasticLayers(model, options.rng.fork(`step-${options.step}`));
  const nameOf = new Map([...variables].map(([name, v]) => [v.name, name]));
  const targets = smoothLabels(batch.targets, options.labelSmoothing);
  let logits: tf.Tensor2D | undefined;
  const { value, grads } = tf.variableGrads(() => {
    const output = model.apply(batch.x, { training: true }) as tf.Tensor2D;
    logits = tf.keep(output);
    return softCrossEntropy(output, targets);
  }, [...variables.values()]);
  try {
    const named = new Map(Object.entries(grads).map(([tfName, grad]) => [nameOf.get(tfName) as string, grad]));
    optimizer.step(named, options.lr);
    return { loss: value.dataSync()[0] as number, correct: countTopK(logits as tf.Tensor2D, batch.targets, 1) };
  } finally {
    tf.dispose([value, targets, logits as tf.Tensor2D, ...Object.values(grads)]);
  }
}

/** Rows whose target's largest class is among the k highest logits. */
export function countTopK(logits: tf.Tensor2D, targets: tf.Tensor2D, k: number): number {
  return tf.tidy(() => {
    const want = targets.argMax(1).expandDims(1);
    const top = tf.topk(logits, Math.min(k, logits.shape[1])).indices;
    return top.equal(want).any(1).sum().dataSync()[0] as number;
  });
}

export interface ModelEvaluation {
  readonly images: number;
  readonly loss: number;
  readonly top1: number;
  readonly top5: number;
}

/** Loss and top-1 / top-5 accuracy over `batches` in inference mode (BN uses its running statistics). */
export async function evaluateModel(model: tf.LayersModel, batches: AsyncIterable<TrainBatch> | Iterable<TrainBatch>): Promise<ModelEvaluation> {
  let [images, lossSum, top1, top5] = [0, 0, 0, 0];
  for await (const batch of batches) {
    try {
      const [loss, c1, c5] = tf.tidy(() => {
        const logits = model.apply(batch.x, { training: false }) as tf.Tensor2D;
        return [softCrossEntropy(logits, batch.targets).dataSync()[0] as number, countTopK(logits, batch.targets, 1), countTopK(logits, batch.targets, 5)];
      });
      const n = batch.x.shape[0];
      [images, lossSum, top1, top5] = [images + n, lossSum + (loss as number) * n, top1 + c1!, top5 + c5!];
    } finally {
      tf.dispose([batch.x, batch.targets]);
    }
  }
  return images === 0 ? { images, loss: NaN, top1: NaN, top5: NaN } : { images, loss: lossSum / images, top1: top1 / images, top5: top5 / images };
}

/**
 * Every weight of the model (trainable and BN running statistics), in the model's order, named
 * by layer: what a checkpoint saves.
 */
export function modelWeights(model: tf.LayersModel): NamedTensor[] {
  return model.weights.map((w) => {
    const value = w.read();
    return { name: w.originalName, shape: [...value.shape], data: value.dataSync() as Float32Array };
  });
}

/**
 * Writes `weights` into `model` by position, checking that names and shapes agree, so a
 * checkpoint can only go back into the architecture that wrote it. With `matchNames` false only
 * shapes must agree: inherited weights from an exported entry, whose layers are named otherwise.
 */
export function setModelWeights(model: tf.LayersModel, weights: readonly NamedTensor[], matchNames = true): void {
  const targets = model.weights;
  if (targets.length !== weights.length) {
    throw new Error(`${model.name} has ${targets.length} weight tensors; the saved weights have ${weights.length}`);
  }
  targets.forEach((target, i) => {
    const saved = weights[i] as NamedTensor;
    const sameShape = saved.shape.length === target.shape.length && saved.shape.every((d, j) => d === target.shape[j]);
    if (!sameShape || (matchNames && saved.name !== target.originalName)) {
      throw new Error(
        `${model.name}: weight ${i} is ${target.originalName} [${target.shape.join(', ')}]; the saved one is ${saved.name} [${saved.shape.join(', ')}]`,
      );
    }
  });
  tf.tidy(() => model.setWeights(weights.map((w) => tf.tensor(w.data, [...w.shape]))));
}
