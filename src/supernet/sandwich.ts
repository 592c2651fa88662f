/**
 * One supernet training step under the sandwich rule with in-place distillation (Yu & Huang 2019,
 * "Universally Slimmable Networks"): the largest subnet learns from the (smoothed) labels, every
 * other subnet of the step learns from the largest one's softmax output, taken as a constant; the
 * gradients of all subnets are summed and applied in one optimiser update. Each subnet's backward
 * pass runs right after its forward pass, so only one subnet's activations are alive at a time.
 *
 * Running BN statistics are updated by the full-width network only (momentum 0.1, unbiased
 * variance, as PyTorch); every other subnet is recalibrated before it is evaluated.
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

/** Trains `genomes` (the first is the teacher) on one batch; returns each subnet's loss. */
export function sandwichStep(
  supernet: Supernet,
  optimizer: Sgd,
  batch: TrainBatch,
  genomes: readonly Genome[],
  options: StepOptions,
): number[] {
  const variables = supernet.trainableVariables();
  const nameOf = new Map([...variables].map(([name, v]) => [v.name, name]));
  const summed = new Map<string, tf.Tensor>();
  const losses: number[] = [];
  let teacher: tf.Tensor2D | undefined;
  try {
    genomes.forEach((genome, index) => {
      const targets = index > 0 && options.distill && teacher ? teacher : smoothLabels(batch.targets, options.labelSmoothing);
      const updateRunning = isFullWidth(supernet, genome);
      const { value, grads } = tf.variableGrads(() => {
        const logits = supernet.forward(batch.x, genome, {
          training: true,
          onBatchStatistics: updateRunning ? runningUpdate(supernet, options.bnMomentum ?? 0.1) : undefined,
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
    optimizer.step(summed, options.lr);
  } finally {
    teacher?.dispose();
    for (const grad of summed.values()) grad.dispose();
  }
  return losses;
}

/** True when every width is the supernet's largest: the network whose running statistics are kept. */
function isFullWidth(supernet: Supernet, genome: Genome): boolean {
  return supernet.space.positions.every((p) => genome[p.index] === p.maxChannels);
}

function runningUpdate(supernet: Supernet, momentum: number) {
  return (layer: string, mean: tf.Tensor1D, variance: tf.Tensor1D, count: number) => {
    const unbiased = count > 1 ? count / (count - 1) : 1;
    const [runningMean, runningVariance] = [supernet.variable(`${layer}.mean`), supernet.variable(`${layer}.variance`)];
    runningMean.assign(runningMean.mul(1 - momentum).add(mean.mul(momentum)));
    runningVariance.assign(runningVariance.mul(1 - momentum).add(variance.mul(momentum * unbiased)));
  };
}
