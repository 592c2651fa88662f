/**
 * A plain standard ResNet20 (He et al. 2016: 16/32/64 channels, a 1x1 conv + BN projection only
 * where the stride or width changes, 10 classes) built from tf.conv2d and evo-nas's batch norm:
 * the network the PyTorch comparison of docs/engine-and-performance.md times (its peer script is
 * kept outside this repository), for the wasm benchmarks.
 */
import * as tf from '@tensorflow/tfjs';
import { batchNormTraining } from '../src/nn/batch-norm.js';
import type { Rng } from '../src/random/rng.js';

export interface PlainResNet20 {
  readonly variables: tf.Variable[];
  /** Softmax cross-entropy of a batch, in training mode (batch statistics). */
  loss(images: tf.Tensor4D, labels: tf.Tensor2D): tf.Scalar;
  dispose(): void;
}

export interface PlainResNet20Options {
  /** Fuse each ReLU that directly follows a batch norm into it (default true). */
  readonly fuseRelu?: boolean;
}

export function plainResNet20(rng: Rng, options: PlainResNet20Options = {}): PlainResNet20 {
  const fuse = options.fuseRelu ?? true;
  const variables: tf.Variable[] = [];
  const normal = (shape: number[], std: number) => {
    const values = Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => {
      const radius = Math.sqrt(-2 * Math.log(1 - rng.float()));
      return radius * Math.cos(2 * Math.PI * rng.float()) * std;
    });
    const variable = tf.variable(tf.tensor(values, shape));
    variables.push(variable);
    return variable;
  };
  const constant = (size: number, value: number) => {
    const variable = tf.variable(tf.fill([size], value));
    variables.push(variable);
    return variable as tf.Variable<tf.Rank.R1>;
  };
  const convBn = (from: number, to: number, kernel: number) => ({
    filter: normal([kernel, kernel, from, to], Math.sqrt(2 / (kernel * kernel * to))) as tf.Variable<tf.Rank.R4>,
    gamma: constant(to, 1),
    beta: constant(to, 0),
    kernel,
  });
  type ConvBn = ReturnType<typeof convBn>;
  const apply = (layer: ConvBn, x: tf.Tensor4D, stride: number, relu: boolean) => {
    const y = tf.conv2d(x, layer.filter, stride, layer.kernel === 1 ? 'valid' : 'same');
    const out = batchNormTraining(y, layer.gamma, layer.beta, { relu: relu && fuse }).output;
    return (relu && !fuse ? tf.relu(out) : out) as tf.Tensor4D;
  };

  const stem = convBn(3, 16, 3);
  const blocks: { conv1: ConvBn; conv2: ConvBn; shortcut?: ConvBn; stride: number }[] = [];
  let width = 16;
  for (const [to, firstStride] of [[16, 1], [32, 2], [64, 2]] as const) {
    for (let i = 0; i < 3; i++) {
      const stride = i === 0 ? firstStride : 1;
      const needed = stride !== 1 || width !== to;
      blocks.push({ conv1: convBn(width, to, 3), conv2: convBn(to, to, 3), ...(needed ? { shortcut: convBn(width, to, 1) } : {}), stride });
      width = to;
    }
  }
  const head = normal([64, 10], 1 / 8);
  const bias = constant(10, 0);

  return {
    variables,
    loss: (images, labels) =>
      tf.tidy(() => {
        let h = apply(stem, images, 1, true);
        for (const block of blocks) {
          const y = apply(block.conv2, apply(block.conv1, h, block.stride, true), 1, false);
          const shortcut = block.shortcut ? apply(block.shortcut, h, block.stride, false) : h;
          h = tf.relu(tf.add(y, shortcut)) as tf.Tensor4D;
        }
        const logits = tf.add(tf.matMul(tf.mean(h, [1, 2]) as tf.Tensor2D, head), bias);
        return tf.losses.softmaxCrossEntropy(labels, logits) as tf.Scalar;
      }),
    dispose: () => tf.dispose(variables),
  };
}
