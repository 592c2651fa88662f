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
import { batchNormTraining, foldBatchNorm, type FoldedConv } from '../nn/batch-norm.js';
import { convPadding, FoldedSubnet, type ConvBn, type ConvBnLayer } from './folded.js';
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
    if (!options.training) {
      const subnet = this.folded(genome, options.statistics);
      try {
        return subnet.logits(x);
      } finally {
        subnet.dispose();
      }
    }
    return tf.tidy(() => this.network(x, genome, (layer, input) => this.trainingConvBn(layer, input, options)));
  }

  /**
   * The subnet `genome` in evaluation mode, its batch norms (with `statistics`, or else the running
   * statistics' leading channels) folded into its convolutions once for many batches: the same
   * logits as `forward`. The caller disposes it; the supernet's weights must not change meanwhile.
   */
  folded(genome: Genome, statistics?: BnStatistics): FoldedSubnet {
    return new FoldedSubnet(
      (x, convBn) => this.network(x, genome, convBn),
      (layer) => this.foldedConvBn(layer, statistics),
    );
  }

  /** The subnet's topology and head, each convolution with its batch norm computed by `convBn`. */
  private network(x: tf.Tensor4D, genome: Genome, convBn: ConvBn): tf.Tensor2D {
    const width = (position: number) => genome[position] as number;
    let h = convBn({ conv: 'stem.conv', bn: 'stem.bn', from: x.shape[3], to: width(0), stride: 1, relu: true }, x);
    for (const block of this.space.blocks) {
      const [from, middle, to, stride] = [width(block.input), width(block.middle), width(block.output), block.stride];
      const prefix = `block${block.index}`;
      const y1 = convBn({ conv: `${prefix}.conv1`, bn: `${prefix}.bn1`, from, to: middle, stride, relu: true }, h);
      const y2 = convBn({ conv: `${prefix}.conv2`, bn: `${prefix}.bn2`, from: middle, to, stride: 1, relu: false }, y1);
      const shortcut = needsProjection(this.config.shortcut, stride, from, to)
        ? convBn({ conv: `${prefix}.shortcut.conv`, bn: `${prefix}.shortcut.bn`, from, to, stride, relu: false }, h)
        : h;
      h = y2.add(shortcut).relu() as tf.Tensor4D;
    }
    const features = width(this.space.positions.length - 1);
    const pooled = h.mean([1, 2]) as tf.Tensor2D;
    const weight = this.leading('head.weight', [features, this.config.classes]) as tf.Tensor2D;
    return pooled.matMul(weight).add(this.variable('head.bias'));
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

  /** The layer's filter: its leading `from` x `to` channels. */
  private filter(layer: ConvBnLayer): tf.Tensor4D {
    const kernel = this.variable(layer.conv).shape[0] as number;
    return this.leading(layer.conv, [kernel, kernel, layer.from, layer.to]) as tf.Tensor4D;
  }

  /** conv, then training-mode batch norm over its batch (reported to `onBatchStatistics`), ReLU fused. */
  private trainingConvBn(layer: ConvBnLayer, x: tf.Tensor4D, options: ForwardOptions): tf.Tensor4D {
    const filter = this.filter(layer);
    const y = tf.conv2d(x, filter, layer.stride, convPadding(filter.shape[0]));
    const [gamma, beta] = ['gamma', 'beta'].map((p) => this.leading(`${layer.bn}.${p}`, [layer.to]) as tf.Tensor1D) as [tf.Tensor1D, tf.Tensor1D];
    const { output, mean, variance } = batchNormTraining(y, gamma, beta, { relu: layer.relu });
    options.onBatchStatistics?.(layer.bn, mean, variance, y.size / layer.to);
    return output;
  }

  /** The layer's filter and bias with its evaluation-mode batch norm folded in (the hot path of evaluation). */
  private foldedConvBn(layer: ConvBnLayer, statistics: BnStatistics | undefined): FoldedConv {
    return tf.tidy(() => {
      const stored = statistics?.get(layer.bn);
      const statistic = (name: 'mean' | 'variance') =>
        stored ? tf.tensor1d(stored[name]) : (this.leading(`${layer.bn}.${name}`, [layer.to]) as tf.Tensor1D);
      const [gamma, beta] = ['gamma', 'beta'].map((p) => this.leading(`${layer.bn}.${p}`, [layer.to]) as tf.Tensor1D) as [tf.Tensor1D, tf.Tensor1D];
      const { filter, bias } = foldBatchNorm(this.filter(layer), { mean: statistic('mean'), variance: statistic('variance'), gamma, beta });
      return { filter, bias };
    });
  }

  /** The leading block of a tensor; the variable itself when the subnet uses all of it. */
  private leading(name: string, shape: readonly number[]): tf.Tensor {
    const variable = this.variable(name);
    if (shape.every((size, axis) => size === variable.shape[axis])) return variable;
    return tf.slice(variable, shape.map(() => 0), [...shape]);
  }
}
