/**
 * Evaluating a subnet: top-1 accuracy and mean cross-entropy over labelled batches, in evaluation
 * mode with the given BN statistics.
 */
import * as tf from '@tensorflow/tfjs';
import type { Genome } from '../space/index.js';
import type { BnStatistics, Supernet } from './supernet.js';

export interface LabelledBatch {
  readonly x: tf.Tensor4D;
  /** Class indices, int32 [batch]. */
  readonly labels: tf.Tensor1D;
}

export interface SubnetMetrics {
  readonly accuracy: number;
  readonly loss: number;
  readonly images: number;
}

export function evaluateSubnet(
  supernet: Supernet,
  genome: Genome,
  statistics: BnStatistics | undefined,
  batches: Iterable<LabelledBatch>,
): SubnetMetrics {
  let [correct, lossSum, images] = [0, 0, 0];
  // Batch norm folded into the convolutions once for all the batches, not once a batch.
  const subnet = supernet.folded(genome, statistics);
  try {
    for (const { x, labels } of batches) {
      const [hits, loss] = tf.tidy(() => {
        const logits = subnet.logits(x);
        const predicted = logits.argMax(1);
        const hits = predicted.equal(labels.toInt()).sum().dataSync()[0] as number;
        const classes = logits.shape[1];
        const loss = tf.losses
          .softmaxCrossEntropy(tf.oneHot(labels.toInt(), classes), logits, undefined, undefined, tf.Reduction.SUM)
          .dataSync()[0] as number;
        return [hits, loss];
      });
      correct += hits;
      lossSum += loss;
      images += x.shape[0];
    }
  } finally {
    subnet.dispose();
  }
  if (images === 0) throw new RangeError('evaluateSubnet needs at least one batch');
  return { accuracy: correct / images, loss: lossSum / images, images };
}
