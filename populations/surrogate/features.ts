/**
 * A genome as the predictor's input: one indicator per (position, choice) — any per-layer effect
 * of a width, however shaped — plus the products of pairs of positions' relative widths (0 at
 * the narrowest choice, 1 at the widest), which carry the interactions between layers that width
 * benchmarks show (a wide layer helps less behind a narrow one). Pairs are all pairs for short
 * genomes and neighbouring positions only for long ones, so a model stays small (Channel-Bench's
 * 7 positions: 28 + 21 features; ResNet20's 19: 172 + 18).
 */
import type { Genome } from '../../src/space/genome.js';
import type { GenomeSpace } from '../../src/space/space.js';

/** Above this many positions only neighbouring pairs get a product feature. */
export const ALL_PAIRS_UP_TO = 10;

export interface FeatureMap {
  readonly size: number;
  /** The features of one genome of the space. */
  readonly of: (genome: Genome) => Float64Array;
}

export function featureMap(space: GenomeSpace): FeatureMap {
  const varying = space.positions.filter((p) => p.choices.length > 1);
  const offsets: number[] = [];
  let oneHot = 0;
  for (const p of varying) {
    offsets.push(oneHot);
    oneHot += p.choices.length;
  }
  const pairs: [number, number][] = [];
  for (let a = 0; a < varying.length; a++) {
    for (let b = a + 1; b < varying.length; b++) {
      if (varying.length <= ALL_PAIRS_UP_TO || b === a + 1) pairs.push([a, b]);
    }
  }
  const size = oneHot + pairs.length;
  return {
    size,
    of: (genome) => {
      const x = new Float64Array(size);
      const relative = varying.map((p, k) => {
        const at = p.choices.indexOf(genome[p.index] as number);
        x[(offsets[k] as number) + at] = 1;
        return at / (p.choices.length - 1);
      });
      pairs.forEach(([a, b], k) => (x[oneHot + k] = (relative[a] as number) * (relative[b] as number)));
      return x;
    },
  };
}
