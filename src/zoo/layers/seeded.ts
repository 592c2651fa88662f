/**
 * Layers that draw random numbers while training (shake-shake, stochastic depth) take them from
 * their own {@link Rng} stream, never from the global unseeded random function or TensorFlow.js's unseeded generator.
 * The stream starts from the seed in the layer's config (so a saved and reloaded model draws the
 * same numbers) and a training loop that checkpoints can make every step reproducible by
 * reseeding all such layers from a per-step fork with {@link reseedStochasticLayers}.
 */
import * as tf from '@tensorflow/tfjs';
import { Rng } from '../../random/rng.js';

/** A layer whose training-time randomness comes from a replaceable seeded stream. */
export interface StochasticLayer {
  /** Continues this layer's draws from `rng` (typically a fork named after the step). */
  reseed(rng: Rng): void;
}

export function isStochasticLayer(layer: unknown): layer is StochasticLayer {
  return typeof (layer as Partial<StochasticLayer>).reseed === 'function';
}

/** The stream a stochastic layer starts with: its config seed, forked by the layer's name. */
export function layerRng(seed: number, name: string): Rng {
  return Rng.fromSeed(seed).fork(name);
}

/**
 * Gives every stochastic layer of `model` the stream `rng.fork(layer.name)`. Calling it with
 * `runRng.fork('step-' + step)` before each training step makes a resumed run draw exactly what
 * an uninterrupted run would have drawn.
 */
export function reseedStochasticLayers(model: tf.LayersModel, rng: Rng): number {
  let count = 0;
  for (const layer of model.layers) {
    if (isStochasticLayer(layer)) {
      layer.reseed(rng.fork(layer.name));
      count++;
    }
  }
  return count;
}
