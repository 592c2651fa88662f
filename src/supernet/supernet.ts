/**
 * The slimmable ResNet supernet (Yu et al. 2019; weight sharing as in Once-for-All, Cai et al.
 * 2020): one set of variables at the space's largest widths, and a forward pass for any genome
 * that uses the leading channels of each tensor. The genome is an argument of `forward`, never
 * shared state, so one supernet can serve several evaluations.
 *
 * Batch norm: in training mode a layer normalises with the batch's statistics; in evaluation mode
 * with statistics given for the subnet (from `recalibrateBn`) or else the leading channels of the
 * running statistics, which training keeps for the largest network only (see sandwich.ts).
 */
import * as tf from '@tensorflow/tfjs';
import '../nn/quiet.js';
import type { Rng } from '../random/rng.js';
import type { Genome, ResNetSpace } from '../space/index.js';
import { needsProjection } from '../space/index.js';
import { initialValues } from './init.js';
import { supernetLayout, type SupernetConfig, type TensorSpec } from './layout.js';
import { batchNormTraining, convBatchNormInference } from '../nn/batch-norm.js';
import { checkWeights, type NamedTensor } from './weights.js';

/** BN statistics of one subnet, by BN layer name (e.g. `block3.bn1`), at the subnet's widths. */
export type BnStatistics = ReadonlyMap<string, { readonly mean: Float32Array; readonly variance: Float32Array }>;

export interface ForwardOptions {
  /** Training mode normalises with batch statistics; evaluation mode with stored ones. */
  readonly training: boolean;
  /** Evaluation mode: this subnet's BN statistics (default: the running statistics' leading channels). */
  readonly statistics?: BnStatistics;
  /**
   * Training mode: called with each BN layer's batch mean and biased variance and the number of
   * values per channel. The tensors live only during the call.
   */
  readonly onBatchStatistics?: (layer: string, mean: tf.Tensor1D, variance: tf.Tensor1D, count: number) => void;
}

export class Supernet {
  private constructor(
    readonly space: ResNetSpace,
    readonly config: SupernetConfig,
    readonly layout: readonly TensorSpec[],
    private readonly variables: ReadonlyMap<string, tf.Variable>,
  ) {}

  /** A freshly initialised supernet; the same seed gives the same weights on every backend. */
  static create(space: ResNetSpace, config: SupernetConfig, rng: Rng): Supernet {
    const layout = supernetLayout(space, config);
    return Supernet.build(space, config, layout, (spec) => initialValues(spec, rng));
  }

  /** A supernet holding the given weights (checked against the layout by name and shape). */
  static fromWeights(space: ResNetSpace, config: SupernetConfig, weights: readonly NamedTensor[]): Supernet {
    const layout = supernetLayout(space, config);
    const byName = checkWeights(layout, weights);
    return Supernet.build(space, config, layout, (spec) => byName.get(spec.name)?.data as Float32Array);
  }

  private static build(
    space: ResNetSpace,
    config: SupernetConfig,
    layout: TensorSpec[],
    valueOf: (spec: TensorSpec) => Float32Array,
  ): Supernet {
    // Variables stay unnamed: TensorFlow.js names are global, and two supernets may coexist.
    const variables = new Map(
      layout.map((spec) => [spec.name, tf.variable(tf.tensor(valueOf(spec), [...spec.shape]), spec.trainable)] as const),
    );
    return new Supernet(space, config, layout, variables);
  }

  /** The trainable variables by name, in layout order (what the optimiser updates). */
  trainableVariables(): Map<string, tf.Variable> {
    return new Map(this.layout.filter((s) => s.trainable).map((s) => [s.name, this.variable(s.name)]));
  }

  /** The variable called `name`. */
  variable(name: string): tf.Variable {
    const variable = this.variables.get(name);
    if (!variable) throw new Error(`supernet has no tensor "${name}"`);
    return variable;
  }

  /** Logits [batch, classes] of the subnet `genome` for NHWC input `x`. */
  forward(x: tf.Tensor4D, genome: Genome, options: ForwardOptions): tf.Tensor2D {
    return tf.tidy(() => {
      const width = (position: number) => genome[position] as number;
      const inputChannels = x.shape[3];
      let h = this.convBn('stem.conv', 'stem.bn', x, inputChannels, width(0), 1, options, true);
      for (const block of this.space.blocks) {
        const [from, middle, to] = [width(block.input), width(block.middle), width(block.output)];
        const prefix = `block${block.index}`;
        const y1 = this.convBn(`${prefix}.conv1`, `${prefix}.bn1`, h, from, middle, block.stride, options, true);
        const y2 = this.convBn(`${prefix}.conv2`, `${prefix}.bn2`, y1, middle, to, 1, options);
        const shortcut = needsProjection(this.config.shortcut, block.stride, from, to)
          ? this.convBn(`${prefix}.shortcut.conv`, `${prefix}.shortcut.bn`, h, from, to, block.stride, options)
          : h;
        h = y2.add(shortcut).relu() as tf.Tensor4D;
      }
      const features = width(this.space.positions.length - 1);
      const pooled = h.mean([1, 2]) as tf.Tensor2D;
      const weight = this.leading('head.weight', [features, this.config.classes]) as tf.Tensor2D;
      return pooled.matMul(weight).add(this.variable('head.bias'));
    });
  }

  /** Every tensor (parameters and running statistics) as named float32 buffers, in layout order. */
  getWeights(): NamedTensor[] {
    return this.layout.map((spec) => ({
      name: spec.name,
      shape: [...spec.shape],
      data: this.variable(spec.name).dataSync() as Float32Array,
    }));
  }

  /** Replaces every tensor's values; names and shapes must match the layout exactly. */
  setWeights(weights: readonly NamedTensor[]): void {
    const byName = checkWeights(this.layout, weights);
    for (const spec of this.layout) {
      const value = tf.tensor(byName.get(spec.name)?.data as Float32Array, [...spec.shape]);
      this.variable(spec.name).assign(value);
      value.dispose();
    }
  }

  dispose(): void {
    for (const variable of this.variables.values()) variable.dispose();
  }

  /** conv (leading `from` x `to` channels), batch norm over `to` channels, optionally ReLU (fused). */
  private convBn(
    convName: string,
    bnName: string,
    x: tf.Tensor4D,
    from: number,
    to: number,
    stride: number,
    options: ForwardOptions,
    relu = false,
  ): tf.Tensor4D {
    const kernel = this.variable(convName).shape[0] as number;
    const filter = this.leading(convName, [kernel, kernel, from, to]) as tf.Tensor4D;
    const pad = kernel === 1 ? 'valid' : 'same';
    const gamma = this.leading(`${bnName}.gamma`, [to]) as tf.Tensor1D;
    const beta = this.leading(`${bnName}.beta`, [to]) as tf.Tensor1D;
    if (options.training) {
      const y = tf.conv2d(x, filter, stride, pad);
      const { output, mean, variance } = batchNormTraining(y, gamma, beta, { relu });
      options.onBatchStatistics?.(bnName, mean, variance, y.size / to);
      return output;
    }
    const stored = options.statistics?.get(bnName);
    const mean = stored ? tf.tensor1d(stored.mean) : (this.leading(`${bnName}.mean`, [to]) as tf.Tensor1D);
    const variance = stored ? tf.tensor1d(stored.variance) : (this.leading(`${bnName}.variance`, [to]) as tf.Tensor1D);
    // Batch norm folded into the convolution, the ReLU fused: the evaluator's hot path.
    return convBatchNormInference({ x, filter, strides: stride, pad, mean, variance, gamma, beta }, { relu });
  }

  /** The leading block of a tensor; the variable itself when the subnet uses all of it. */
  private leading(name: string, shape: readonly number[]): tf.Tensor {
    const variable = this.variable(name);
    if (shape.every((size, axis) => size === variable.shape[axis])) return variable;
    return tf.slice(variable, shape.map(() => 0), [...shape]);
  }
}
