/**
 * Parameters and multiply-accumulates of a built model, read from its layers' shapes.
 *
 * - params: the trainable weights, `sum(p.numel())` in PyTorch's terms. Batch-norm moving
 *   statistics are not counted (they are buffers, not parameters, in PyTorch).
 * - MACs, per image: for a convolution, out_h * out_w * out_c * k_h * k_w * in_c / groups;
 *   depthwise convolutions the same with groups = in_c; separable convolutions their depthwise
 *   plus pointwise parts; a dense layer in * out for every position it is applied to (every
 *   token of a transformer). Biases, batch norm, activations, pooling, element-wise sums and
 *   products, and attention's q·k and weights·v products are not counted — the convention of
 *   the space cost model (src/space/cost.ts) and of common profilers (thop, ptflops' conv/linear
 *   counts), and what test/reference/zoo_params_torch.py counts with PyTorch hooks.
 */
import * as tf from '@tensorflow/tfjs';
import type { Architecture } from './architecture.js';
import { GroupedConv2D } from './layers/grouped-conv.js';
import { buildModel, CIFAR_INPUT } from './model.js';

export interface ModelCost {
  readonly params: number;
  readonly macs: number;
}

const product = (dims: readonly (number | null)[]) => dims.reduce<number>((n, d) => n * (d ?? 1), 1);

/** Trainable parameters of a model or a layer. */
export function countParams(target: tf.LayersModel | tf.layers.Layer): number {
  return target.trainableWeights.reduce((n, w) => n + product(w.shape), 0);
}

/** Multiply-accumulates of one layer for one example, summed over every call of the layer. */
export function layerMacs(layer: tf.layers.Layer): number {
  let total = 0;
  for (const node of layer.inboundNodes) {
    const input = node.inputTensors[0]?.shape;
    const output = node.outputTensors[0]?.shape;
    if (!input || !output) continue;
    total += callMacs(layer, input.slice(1), output.slice(1));
  }
  return total;
}

function callMacs(layer: tf.layers.Layer, input: readonly (number | null)[], output: readonly (number | null)[]): number {
  const config = layer.getConfig();
  const inChannels = input[input.length - 1] ?? 0;
  const kernel = () => product(config.kernelSize as number[]);
  switch (layer.getClassName()) {
    case 'Conv2D':
      return product(output) * kernel() * inChannels;
    case 'DepthwiseConv2D':
      return product(output) * kernel();
    case 'SeparableConv2D': {
      const depthwiseOut = product(output.slice(0, -1)) * inChannels * (config.depthMultiplier as number);
      return depthwiseOut * kernel() + product(output) * inChannels * (config.depthMultiplier as number);
    }
    case GroupedConv2D.className:
      return product(output) * kernel() * (inChannels / (config.groups as number));
    case 'Dense':
      return product(output) * inChannels;
    default:
      return 0;
  }
}

/** Parameters and per-image MACs of a model (see the module comment for what is counted). */
export function modelCost(model: tf.LayersModel): ModelCost {
  return { params: countParams(model), macs: model.layers.reduce((n, layer) => n + layerMacs(layer), 0) };
}

const cache = new Map<string, ModelCost>();

/**
 * Parameters and MACs of an architecture at a class count and input shape, from a model built
 * with zero weights (no random initialisation: 82 architectures at two class counts take about
 * 9 s on one core) and remembered for the life of the process.
 */
export function architectureCost(architecture: Architecture, options: { readonly classes: number; readonly inputShape?: readonly [number, number, number] }): ModelCost {
  const inputShape = options.inputShape ?? CIFAR_INPUT;
  const key = `${architecture.name}|${options.classes}|${inputShape.join('x')}`;
  const known = cache.get(key);
  if (known) return known;
  const model = buildModel(architecture, { classes: options.classes, inputShape, weights: 'zeros' });
  try {
    const cost = modelCost(model);
    cache.set(key, cost);
    return cost;
  } finally {
    model.dispose();
  }
}
