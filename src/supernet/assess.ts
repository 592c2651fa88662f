/**
 * What the search's evaluator does with one candidate: inherit its weights from the supernet,
 * optionally fine-tune a copy for a few steps (never written back), recalibrate its batch norm on
 * training batches, and measure it on validation batches.
 */
import type { Rng } from '../random/rng.js';
import type { Genome } from '../space/index.js';
import { train } from './train-loop.js';
import type { TrainBatch } from '../train/batch.js';
import { Sgd } from '../train/sgd.js';
import { evaluateSubnet, type LabelledBatch, type SubnetMetrics } from './evaluate.js';
import { extractSubnet } from './extract.js';
import { recalibrateBn } from './recalibrate.js';
import type { Supernet } from './supernet.js';
import type * as tf from '@tensorflow/tfjs';

export interface FineTune {
  readonly steps: number;
  readonly lr: number;
  /** Training batches for the fine-tune steps (consumed and disposed). */
  readonly batches: Iterable<TrainBatch> | AsyncIterable<TrainBatch>;
  readonly rng: Rng;
}

export interface AssessData {
  /** Training images for BN recalibration (not disposed here). */
  readonly recalibration: readonly tf.Tensor4D[];
  /** Validation images and labels (not disposed here). */
  readonly validation: readonly LabelledBatch[];
}

export async function assessSubnet(supernet: Supernet, genome: Genome, data: AssessData, fineTune?: FineTune): Promise<SubnetMetrics> {
  if (!fineTune || fineTune.steps === 0) {
    const statistics = recalibrateBn(supernet, genome, data.recalibration);
    return evaluateSubnet(supernet, genome, statistics, data.validation);
  }
  const subnet = extractSubnet(supernet, genome);
  const optimizer = new Sgd(subnet.trainableVariables());
  try {
    await train(subnet, optimizer, fineTune.batches, { steps: fineTune.steps, schedule: () => fineTune.lr, rng: fineTune.rng });
    const statistics = recalibrateBn(subnet, genome, data.recalibration);
    return evaluateSubnet(subnet, genome, statistics, data.validation);
  } finally {
    optimizer.dispose();
    subnet.dispose();
  }
}
