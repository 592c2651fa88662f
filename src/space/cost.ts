/**
 * Exact analytic cost of a genome: parameters and multiply-accumulates (MACs), counted the way
 * PyTorch would count the same network (`sum(p.numel() for p in model.parameters())`).
 *
 * - Convs have no bias: a k x k conv from a to b channels has k*k*a*b weights and
 *   k*k*a*b*outH*outW MACs.
 * - Each BN has 2*c learnable parameters (scale and shift); its running mean and variance are
 *   buffers, not parameters. BN parameters are reported apart and in the total.
 * - The linear layer has in*classes weights plus `classes` biases and in*classes MACs.
 * - MACs count convs and the linear layer only (BN, ReLU, the residual add and pooling are not
 *   multiply-accumulates of weights).
 * - A 3x3 conv pads by 1 and a 1x1 projection by 0; both give an output side of
 *   floor((side - 1) / stride) + 1.
 */
import type { Genome } from './genome.js';
import type { ResNetSpace, Shortcut } from './space.js';

export interface CostOptions {
  /** Output classes of the linear layer (default: the space's). */
  readonly classes?: number;
  /** Input channels (default: the space's). */
  readonly inputChannels?: number;
  /** Input height and width (default: the space's square size). */
  readonly inputSize?: number | readonly [number, number];
  /** Shortcut convention (default: the space's). */
  readonly shortcut?: Shortcut;
}

export interface Cost {
  /** Conv and linear parameters (weights and the linear bias). */
  readonly weightParams: number;
  /** Batch-norm scale and shift parameters. */
  readonly bnParams: number;
  /** weightParams + bnParams: what PyTorch's parameter count reports. */
  readonly params: number;
  /** Multiply-accumulates of the convs and the linear layer for one image. */
  readonly macs: number;
}

/** The cost of one genome. The genome is trusted to fit the space (see checkGenome). */
export function genomeCost(genome: Genome, space: ResNetSpace, options: CostOptions = {}): Cost {
  const classes = options.classes ?? space.classes;
  const inputChannels = options.inputChannels ?? space.inputChannels;
  const shortcut = options.shortcut ?? space.shortcut;
  let [height, width] = inputSide(options.inputSize ?? space.inputSize);
  const width_ = (position: number) => genome[position] as number;

  let weightParams = 0;
  let bnParams = 0;
  let macs = 0;
  const conv = (kernel: number, from: number, to: number, outHeight: number, outWidth: number) => {
    weightParams += kernel * kernel * from * to;
    macs += kernel * kernel * from * to * outHeight * outWidth;
    bnParams += 2 * to;
  };

  conv(3, inputChannels, width_(0), height, width);
  for (const block of space.blocks) {
    const [outHeight, outWidth] = [outSide(height, block.stride), outSide(width, block.stride)];
    const [from, middle, to] = [width_(block.input), width_(block.middle), width_(block.output)];
    conv(3, from, middle, outHeight, outWidth);
    conv(3, middle, to, outHeight, outWidth);
    if (needsProjection(shortcut, block.stride, from, to)) conv(1, from, to, outHeight, outWidth);
    [height, width] = [outHeight, outWidth];
  }
  const features = width_(2 * space.blocks.length);
  weightParams += features * classes + classes;
  macs += features * classes;

  return { weightParams, bnParams, params: weightParams + bnParams, macs };
}

/** Whether a block gets a 1x1 conv + BN shortcut rather than the identity. */
export function needsProjection(shortcut: Shortcut, stride: number, from: number, to: number): boolean {
  return shortcut === 'always' || stride !== 1 || from !== to;
}

function outSide(side: number, stride: number): number {
  return Math.floor((side - 1) / stride) + 1;
}

function inputSide(size: number | readonly [number, number]): [number, number] {
  return typeof size === 'number' ? [size, size] : [size[0], size[1]];
}
