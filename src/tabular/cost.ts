/**
 * An analytic cost model of the two Channel-Bench-Macro networks, written from the benchmark's
 * description of its model: parameters (convs without bias, 2 per BN channel, the classifier's
 * weights and bias) and multiply-accumulates for one 32x32 CIFAR image. It prices genomes the
 * table lacks and gives generated tables plausible costs; where a table lists an architecture,
 * the table's own figures are used. It has not been checked against the benchmark's published
 * figures.
 */
import type { Genome } from '../space/genome.js';
import type { BudgetCost } from '../space/repair.js';
import type { TabularSpace } from './spaces.js';

export function tabularCost(genome: Genome, space: TabularSpace): BudgetCost {
  const c = (i: number) => genome[i] as number;
  let params = 0;
  let macs = 0;
  /** A conv + BN: `groups` = input channels for a depthwise conv. */
  const conv = (kernel: number, from: number, to: number, side: number, groups = 1) => {
    const weights = (kernel * kernel * from * to) / groups;
    params += weights + 2 * to;
    macs += weights * side * side;
  };
  const classifier = (features: number) => {
    params += features * space.classes + space.classes;
    macs += features * space.classes;
  };

  // Both stems are a stride-2 3x3 conv: 32x32 -> 16x16; block 3 halves again to 8x8.
  conv(3, 3, c(0), 16);
  if (space.network === 'resnet') {
    const basic = (from: number, middle: number, to: number, side: number) => {
      conv(3, from, middle, side);
      conv(3, middle, to, side);
    };
    basic(c(0), c(1), c(0), 16);
    basic(c(0), c(2), c(0), 16);
    basic(c(0), c(3), c(4), 8); // no shortcut: the widths differ and the block strides
    basic(c(4), c(5), c(4), 8);
    basic(c(4), c(6), c(4), 8);
    classifier(c(4));
  } else {
    const inverted = (from: number, hidden: number, to: number, inSide: number, outSide: number) => {
      conv(1, from, hidden, inSide);
      conv(3, hidden, hidden, outSide, hidden);
      conv(1, hidden, to, outSide);
    };
    inverted(c(0), c(1), c(0), 16, 16);
    inverted(c(0), c(2), c(0), 16, 16);
    inverted(c(0), c(3), c(4), 16, 8);
    inverted(c(4), c(5), c(4), 8, 8);
    conv(1, c(4), c(6), 8);
    classifier(c(6));
  }
  return { params, macs };
}
