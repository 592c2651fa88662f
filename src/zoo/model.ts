/**
 * Turns a zoo architecture into a TensorFlow.js LayersModel: input [H, W, C], output the logits
 * [classes]. Models serialise with `model.save(...)` to model.json + weights and load back with
 * `tf.loadLayersModel` once src/zoo/layers is imported (it registers the custom layers).
 */
import * as tf from '@tensorflow/tfjs';
import '../nn/quiet.js';
import { ZooError } from '../errors/errors.js';
import type { Architecture } from './architecture.js';
import './layers/index.js';
import { Net, type WeightInit } from './net.js';

export interface BuildOptions {
  /** Output classes (default 10). */
  readonly classes?: number;
  /** Input [height, width, channels] (default CIFAR's [32, 32, 3]). */
  readonly inputShape?: readonly [number, number, number];
  /** Seed of the weight initialisers and the stochastic layers (default 0). */
  readonly seed?: number;
  /** `random` (default) to train; `zeros` when only shapes and counts are needed (much faster). */
  readonly weights?: WeightInit;
}

export const CIFAR_INPUT: readonly [number, number, number] = [32, 32, 3];

export function buildModel(architecture: Architecture, options: BuildOptions = {}): tf.LayersModel {
  const classes = options.classes ?? 10;
  const inputShape = options.inputShape ?? CIFAR_INPUT;
  if (!Number.isInteger(classes) || classes < 1) {
    throw new ZooError(`${architecture.name}: classes must be a whole number ≥ 1 (got ${classes})`);
  }
  if (inputShape.length !== 3 || inputShape.some((d) => !Number.isInteger(d) || d < 1)) {
    throw new ZooError(`${architecture.name}: the input shape must be [height, width, channels] of whole numbers ≥ 1 (got [${inputShape.join(', ')}])`);
  }
  const net = Net.create({ seed: options.seed ?? 0, weights: options.weights ?? 'random' });
  try {
    const input = tf.input({ shape: [...inputShape], name: 'input' });
    const logits = architecture.build(net, input, classes);
    const model = tf.model({ inputs: input, outputs: logits, name: architecture.name });
    // TensorFlow.js builds a 'valid' convolution on a map smaller than its kernel with a zero or
    // negative output size instead of failing; catch that here.
    const empty = model.layers.find((layer) => (layer.outputShape as (number | null)[]).some((d) => d !== null && d <= 0));
    if (empty) {
      model.dispose();
      const shape = (empty.outputShape as (number | null)[]).slice(1).join('x');
      throw new ZooError(`${architecture.name} needs a larger input than ${inputShape.join('x')}: its layer ${empty.name} would output ${shape}`);
    }
    return model;
  } catch (error) {
    if (error instanceof ZooError) throw error;
    // TensorFlow.js rejects, for instance, a pooling window larger than what is left of a small
    // input; say which model and input size that was.
    const reason = error instanceof Error ? error.message : String(error);
    throw new ZooError(`${architecture.name} cannot be built for a ${inputShape.join('x')} input with ${classes} classes: ${reason}`);
  }
}
