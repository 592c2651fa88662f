/** A small synthetic problem for loop tests: metrics computed from the genome, evaluations counted. */
import type { GenomeOutcome, Problem } from '../../src/search/problem.js';
import { genomeHash, position, type Genome, type GenomeSpace } from '../../src/space/index.js';

export const toySpace: GenomeSpace = {
  name: 'toy',
  positions: Array.from({ length: 5 }, (_, i) => position(i, `layer ${i + 1}`, [8, 16, 24, 32])),
};

/** Params grow with the widths; accuracy saturates with them, more for early layers. */
export function toyMetrics(genome: Genome) {
  const params = genome.reduce((s, w, i) => s + w * w * (i + 1), 0);
  const accuracy = 0.5 + genome.reduce((s, w, i) => s + (0.09 / (i + 1)) * Math.sqrt(w / 32), 0);
  return { accuracy, loss: 1 - accuracy, params, macs: params * 10, ms: 0 };
}

/** A toy problem recording every genome it evaluated; genomes `fails` returns true for fail. */
export function toyProblem(fails: (genome: Genome) => boolean = () => false): Problem & { readonly evaluated: string[] } {
  const evaluated: string[] = [];
  return {
    space: toySpace,
    costOf: (genome) => toyMetrics(genome),
    scope: { supernetVersion: 0, evalSpecHash: 'toy' },
    evaluated,
    async evaluate(genomes, onOutcome) {
      return genomes.map((genome, index) => {
        evaluated.push(genomeHash(genome, toySpace));
        const outcome: GenomeOutcome = fails(genome) ? { ok: false, reason: `toy failure on ${genome.join('-')}` } : { ok: true, metrics: toyMetrics(genome) };
        onOutcome?.(index, outcome);
        return outcome;
      });
    },
    close: async () => undefined,
  };
}
