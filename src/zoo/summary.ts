/**
 * A layer-by-layer summary of a built model: what `evo-nas zoo show` prints. One row per layer
 * in the model's topological order, with its class, output shape, trainable parameters and
 * MACs per image (counted as in ./cost.ts).
 */
import type * as tf from '@tensorflow/tfjs';
import { countParams, layerMacs } from './cost.js';

export interface LayerRow {
  readonly name: string;
  readonly type: string;
  /** The output shape without the batch axis, e.g. [32, 32, 16]. */
  readonly outputShape: readonly (number | null)[];
  readonly params: number;
  readonly macs: number;
}

export function layerSummary(model: tf.LayersModel): LayerRow[] {
  return model.layers.map((layer) => {
    const shape = layer.outputShape as (number | null)[];
    return {
      name: layer.name,
      type: layer.getClassName().replace(/^EvoNas/, ''),
      outputShape: shape.slice(1),
      params: countParams(layer),
      macs: layerMacs(layer),
    };
  });
}
