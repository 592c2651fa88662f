/**
 * A loaded table as a search problem answered in the calling thread, without an evaluator: what
 * a benchmark of many short searches needs. It answers as the tabular handler does (accuracy =
 * the mean of the trainings / 100, MACs = the table's FLOPs figure), so a search behaves as it
 * would with `--evaluator table:FILE`.
 */
import type { GenomeOutcome, Problem } from '../search/problem.js';
import { genomeToCode, isTabularSpace, tabularCost, type BenchTable, type TabularSpace } from '../tabular/index.js';

export function tableLookupProblem(table: BenchTable): Problem {
  if (!isTabularSpace(table.space)) throw new Error(`table ${table.source} is not of a tabular space`);
  const space: TabularSpace = table.space;
  const outcome = (code: string): GenomeOutcome => {
    const entry = table.entries.get(code);
    if (!entry) return { ok: false, reason: `architecture ${code} is not in table ${table.source}` };
    return { ok: true, metrics: { accuracy: entry.mean / 100, loss: null, params: entry.params, macs: entry.flops, ms: 0 } };
  };
  return {
    space,
    costOf: (genome) => {
      const entry = table.entries.get(genomeToCode(genome, space));
      return entry ? { params: entry.params, macs: entry.flops } : tabularCost(genome, space);
    },
    scope: { supernetVersion: 0, evalSpecHash: table.sha256 },
    evaluate: async (genomes, onOutcome) =>
      genomes.map((genome, i) => {
        const result = outcome(genomeToCode(genome, space));
        onOutcome?.(i, result);
        return result;
      }),
    close: async () => undefined,
  };
}
