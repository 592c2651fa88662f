/**
 * One supernet training step under the sandwich rule with in-place distillation (Yu & Huang 2019,
 * "Universally Slimmable Networks"): the largest subnet learns from the (smoothed) labels, every
 * other subnet of the step learns from the largest one's softmax output, taken as a constant; the
 * gradients of all subnets are summed and applied in one optimiser update. Each subnet's backward
 * pass runs right after its forward pass, so only one subnet's activations are alive at a time.
 *
 * Running BN statistics are updated by the full-width network only (momentum 0.1, unbiased
 * variance, as PyTorch); every other subnet is recalibrated before it is evaluated.
 *
 * `sandwichGradients` is the step without the update: the data-parallel trainer runs it on each
 * shard of a batch (data-parallel.ts), so a shard's teacher is the largest subnet on that shard.
 */
import * as tf from '@tensorflow/tfjs';
import type { Genome } from '../space/index.js';
import type { TrainBatch } from '../train/batch.js';
import { smoothLabels, softCrossEntropy } from '../train/loss.js';
import type { Sgd } from '../train/sgd.js';
import type { Supernet } from './supernet.js';

export interface StepOptions {
  readonly lr: number;
  /** Label smoothing epsilon for the label-trained subnet; 0 for none. */
  readonly labelSmoothing: number;
  /** In-place distillation: subnets after the first learn from its output. */
  readonly distill: boolean;
  /** BN running-statistics momentum; default 0.1. */
  readonly bnMomentum?: number;
}

/** A BN layer's batch mean and biased variance over `count` values per channel (tensors live during the call). */
export type OnStatistics = (layer: string, mean: tf.Tensor1D, variance: tf.Tensor1D, count: number) => void;

export interface SandwichGradients {
  /** Gradients summed over the subnets, by variable name; only variables some subnet used. The caller disposes them. */
  readonly grads: Map<string, tf.Tensor>;
  /** Each subnet's loss, in `genomes` order. */
  readonly losses: number[];
}

/** Trains `genomes` (the first is the teacher) on one batch; returns each subnet's loss. */
export function sandwichStep(
  supernet: Supernet,
  optimizer: Sgd,
  batch: TrainBatch,
  genomes: readonly Genome[],
  options: StepOptions,
): number[] {
  const { grads, losses } = sandwichGradients(supernet, batch, genomes, options, runningUpdate(supernet, options.bnMomentum ?? 0.1));
  try {
    optimizer.step(grads, options.lr);
  } finally {
    for (const grad of grads.values()) grad.dispose();
  }
  return losses;
}

/**
 * The summed gradients of `genomes` (the first is the teacher) on one batch; `onStatistics`
 * receives the batch statistics of the full-width network's BN layers, in forward order.
 */
export function sandwichGradients(
  supernet: Supernet,
  batch: TrainBatch,
  genomes: readonly Genome[],
  options: Omit<StepOptions, 'lr'>,
  onStatistics?: OnStatistics,
): SandwichGradients {
  const variables = supernet.trainableVariables();
  const nameOf = new Map([...variables].map(([name, v]) => [v.name, name]));
  const summed = new Map<string, tf.Tensor>();
  const losses: number[] = [];
  let teacher: tf.Tensor2D | undefined;
  try {
    genomes.forEach((genome, index) => {
      const targets = index > 0 && options.distill && teacher ? teacher : smoothLabels(batch.targets, options.labelSmoothing);
      const fullWidth = isFullWidth(supernet, genome);
      const { value, grads } = tf.variableGrads(() => {
        const logits = supernet.forward(batch.x, genome, {
          training: true,
          onBatchStatistics: fullWidth ? onStatistics : undefined,
        });
        if (index === 0 && options.distill) teacher = tf.keep(tf.softmax(logits));
        return softCrossEntropy(logits, targets);
      }, [...variables.values()]);
      if (targets !== teacher) targets.dispose();
      losses.push(value.dataSync()[0] as number);
      value.dispose();
      for (const [tfName, grad] of Object.entries(grads)) {
        const name = nameOf.get(tfName) as string;
        const previous = summed.get(name);
        summed.set(name, previous ? tf.tidy(() => previous.add(grad)) : grad);
        if (previous) {
          previous.dispose();
          grad.dispose();
        }
      }
    });
  } catch (error) {
    for (const grad of summed.values()) grad.dispose();
    throw error;
  } finally {
    teacher?.dispose();
  }
  return { grads: summed, losses };
}

/** True when every width is the supernet's largest: the network whose running statistics are kept. */
export function isFullWidth(supernet: Supernet, genome: Genome): boolean {
  return supernet.space.positions.every((p) => genome[p.index] === p.maxChannels);
}

/** The running-statistics update (PyTorch's: momentum, unbiased variance) as a statistics callback. */
export function runningUpdate(supernet: Supernet, momentum: number): OnStatistics {
  return (layer, mean, variance, count) => {
    const unbiased = count > 1 ? count / (count - 1) : 1;
    const [runningMean, runningVariance] = [supernet.variable(`${layer}.mean`), supernet.variable(`${layer}.variance`)];
    tf.tidy(() => {
      runningMean.assign(runningMean.mul(1 - momentum).add(mean.mul(momentum)));
      runningVariance.assign(runningVariance.mul(1 - momentum).add(variance.mul(momentum * unbiased)));
    });
  };
}
