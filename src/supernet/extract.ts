/**
 * Extraction: a subnet as a standalone network whose tensors have exactly the subnet's widths
 * (Once-for-All's get_active_subnet). It is a Supernet over the one-genome space, so it trains,
 * evaluates and exports with the same code as the supernet.
 */
import * as tf from '@tensorflow/tfjs';
import { formatGenome, type Genome, type ResNetSpace } from '../space/index.js';
import { supernetLayout } from './layout.js';
import { Supernet, type BnStatistics } from './supernet.js';
import type { NamedTensor } from './weights.js';

/** The space whose only genome is `genome`: every position has that one width as its choice. */
export function fixedSpace(space: ResNetSpace, genome: Genome): ResNetSpace {
  return {
    ...space,
    name: `${space.name}@${formatGenome(genome)}`,
    positions: space.positions.map((p) => ({ ...p, choices: [genome[p.index] as number], maxChannels: genome[p.index] as number })),
  };
}

/**
 * The standalone network of `genome`: the leading channels of every supernet tensor, with BN
 * running statistics replaced by `statistics` (a recalibration) where given.
 */
export function extractSubnet(supernet: Supernet, genome: Genome, statistics?: BnStatistics): Supernet {
  const space = fixedSpace(supernet.space, genome);
  const weights: NamedTensor[] = supernetLayout(space, supernet.config).map((spec) => {
    const layer = spec.name.replace(/\.(mean|variance)$/, '');
    const stat = statistics?.get(layer);
    if (stat && spec.role === 'bn-mean') return { name: spec.name, shape: spec.shape, data: Float32Array.from(stat.mean) };
    if (stat && spec.role === 'bn-variance') return { name: spec.name, shape: spec.shape, data: Float32Array.from(stat.variance) };
    const data = tf.tidy(() => tf.slice(supernet.variable(spec.name), spec.shape.map(() => 0), [...spec.shape]).dataSync());
    return { name: spec.name, shape: spec.shape, data: data as Float32Array };
  });
  return Supernet.fromWeights(space, supernet.config, weights);
}
