/**
 * Every architecture a run evaluated, as flat rows a chart or a table can take: one row per genome
 * (the first generation that asked for it), with its metrics and whether it is on the final front.
 * Failed evaluations have no metrics and are listed apart.
 */
import { formatGenome } from '../space/genome.js';
import type { EvaluatedIndividual, GenerationRecord } from '../store/schema.js';

export interface EvaluationRow {
  /** 1-based, as `evo-nas run` prints generations. */
  readonly generation: number;
  readonly genome: string;
  readonly widths: readonly number[];
  readonly hash: string;
  /** `evaluated` in this run, or served from the store's cache. */
  readonly source: 'evaluated' | 'cached';
  readonly accuracy: number;
  readonly loss: number | null;
  readonly params: number;
  readonly macs: number;
  readonly ms: number;
  /** On the last committed generation's Pareto front. */
  readonly front: boolean;
}

export interface FailureRow {
  readonly generation: number;
  readonly genome: string;
  readonly reason: string;
}

/** The rows of `generations` (in order); a genome asked for again later is counted once. */
export function evaluationRows(generations: readonly GenerationRecord[]): EvaluationRow[] {
  const last = generations[generations.length - 1];
  const onFront = new Set((last?.archive ?? []).map((m) => m.hash));
  const seen = new Set<string>();
  const rows: EvaluationRow[] = [];
  for (const generation of generations) {
    for (const candidate of generation.candidates) {
      if (candidate.source === 'failed' || !candidate.metrics || seen.has(candidate.hash)) continue;
      seen.add(candidate.hash);
      const { accuracy, loss, params, macs, ms } = candidate.metrics;
      rows.push({
        generation: generation.index + 1,
        genome: formatGenome(candidate.genome),
        widths: [...candidate.genome],
        hash: candidate.hash,
        source: candidate.source,
        accuracy,
        loss,
        params,
        macs,
        ms,
        front: onFront.has(candidate.hash),
      });
    }
  }
  return rows;
}

export function failureRows(generations: readonly GenerationRecord[]): FailureRow[] {
  return generations.flatMap((g) =>
    g.candidates.filter((c) => c.source === 'failed').map((c) => ({ generation: g.index + 1, genome: formatGenome(c.genome), reason: c.reason ?? 'unknown' })),
  );
}

/** The front, cheapest first by `objective`, as rows (with the generation each member was first asked for). */
export function frontRows(front: readonly EvaluatedIndividual[], rows: readonly EvaluationRow[], objective: 'params' | 'macs'): EvaluationRow[] {
  const byHash = new Map(rows.map((r) => [r.hash, r]));
  return front
    .map((m) => byHash.get(m.hash) ?? { generation: 0, genome: formatGenome(m.genome), widths: [...m.genome], hash: m.hash, source: 'cached' as const, ...m.metrics, front: true })
    .sort((a, b) => a[objective] - b[objective] || b.accuracy - a.accuracy);
}
