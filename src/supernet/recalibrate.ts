/**
 * BN recalibration: re-estimate one subnet's batch-norm statistics from a few training batches.
 * A subnet's activations differ from the largest network's, so the shared running statistics do
 * not fit it (Yu et al. 2019; Cai et al. 2020). As PyTorch does with momentum=None, the estimate is
 * the plain average over the batches of each batch's mean and unbiased variance.
 *
 * The result is a new value for this subnet; the supernet itself is not changed.
 */
import * as tf from '@tensorflow/tfjs';
import type { Genome } from '../space/index.js';
import type { BnStatistics, Supernet } from './supernet.js';

export function recalibrateBn(supernet: Supernet, genome: Genome, batches: Iterable<tf.Tensor4D>): BnStatistics {
  const sums = new Map<string, { mean: Float64Array; variance: Float64Array }>();
  let seen = 0;
  for (const x of batches) {
    tf.tidy(() => {
      supernet.forward(x, genome, {
        training: true,
        onBatchStatistics: (layer, mean, variance, count) => {
          const unbiased = count > 1 ? count / (count - 1) : 1;
          const [m, v] = [mean.dataSync(), variance.dataSync()];
          const sum = sums.get(layer) ?? { mean: new Float64Array(m.length), variance: new Float64Array(m.length) };
          for (let c = 0; c < m.length; c++) {
            sum.mean[c]! += m[c]!;
            sum.variance[c]! += v[c]! * unbiased;
          }
          sums.set(layer, sum);
        },
      });
    });
    seen += 1;
  }
  if (seen === 0) throw new RangeError('recalibrateBn needs at least one batch');
  return new Map(
    [...sums].map(([layer, sum]) => [
      layer,
      { mean: Float32Array.from(sum.mean, (s) => s / seen), variance: Float32Array.from(sum.variance, (s) => s / seen) },
    ]),
  );
}
