/**
 * A search problem as the search loop sees it: a space, the cost of any genome, and an
 * asynchronous evaluation of a batch of genomes. The search never touches tensors; the NAS
 * problem (supernet + evaluator pool) and the tabular problem both adapt to this shape.
 */
import type { Genome } from '../space/genome.js';
import type { CostOf } from '../space/repair.js';
import type { GenomeSpace } from '../space/space.js';
import type { Metrics } from './metrics.js';

/** The result of evaluating one genome: metrics, or why there are none. */
export type GenomeOutcome = { readonly ok: true; readonly metrics: Metrics } | { readonly ok: false; readonly reason: string };

export interface Problem {
  readonly space: GenomeSpace;
  /** Parameters and MACs of a genome without evaluating it: for budget repair and the hypervolume's scale. */
  readonly costOf: CostOf;
  /**
   * What the metrics depend on besides the genome; the evaluation cache keys on it together with
   * the genome's hash. A different supernet or evaluation spec never reuses a cached result.
   */
  readonly scope: EvaluationScope;
  /** One outcome per genome, in order; `onOutcome` reports each as it completes. */
  evaluate(genomes: readonly Genome[], onOutcome?: (index: number, outcome: GenomeOutcome) => void): Promise<GenomeOutcome[]>;
  /** Releases what evaluation holds (worker threads, open tables). */
  close(): Promise<void>;
}

export interface EvaluationScope {
  /** The supernet version whose weights the evaluations inherit (0 when there is no supernet). */
  readonly supernetVersion: number;
  /** Hash of the evaluation spec (dataset, split, recalibration, ...; for a table, its content). */
  readonly evalSpecHash: string;
}

/** The evaluation cache's key for one genome in one scope. */
export function evaluationKey(hash: string, scope: EvaluationScope): string {
  return `${hash}|${scope.supernetVersion}|${scope.evalSpecHash}`;
}
