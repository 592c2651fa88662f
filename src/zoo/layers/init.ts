/**
 * Weight initialisation as plain, serialisable data. Every initialiser the zoo uses carries an
 * explicit seed drawn from the model's {@link Rng}, so the same seed builds the same weights;
 * TensorFlow.js would otherwise seed unseeded initialisers from its own hidden generator.
 */
import * as tf from '@tensorflow/tfjs';
import type { Initializer } from '@tensorflow/tfjs-layers/dist/initializers.js';

/**
 * How one weight tensor starts. `he` is He et al. 2015's fan-in uniform (for convolutions
 * followed by ReLU), `glorot` Glorot & Bengio 2010's uniform (dense layers), `normal` a normal
 * of the given standard deviation (transformer embeddings), `zeros`/`ones` constants. `zeros` is
 * also what the cost model uses for every weight, since it only needs shapes.
 */
export type InitSpec =
  | { readonly kind: 'zeros' }
  | { readonly kind: 'ones' }
  | { readonly kind: 'he' | 'glorot'; readonly seed: number }
  | { readonly kind: 'normal'; readonly stddev: number; readonly seed: number };

export function toInitializer(spec: InitSpec): Initializer {
  switch (spec.kind) {
    case 'zeros':
      return tf.initializers.zeros();
    case 'ones':
      return tf.initializers.ones();
    case 'he':
      return tf.initializers.heUniform({ seed: spec.seed });
    case 'glorot':
      return tf.initializers.glorotUniform({ seed: spec.seed });
    case 'normal':
      return tf.initializers.randomNormal({ mean: 0, stddev: spec.stddev, seed: spec.seed });
  }
}
