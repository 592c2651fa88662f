/**
 * What evaluating one genome measures, and how those measurements become the search's two
 * minimised objectives: error (1 - validation accuracy) and a cost (parameters or MACs).
 */
export interface Metrics {
  /** Validation accuracy as a fraction in [0, 1]. */
  readonly accuracy: number;
  /** Mean validation loss, or null where the evaluator does not measure one (tabular). */
  readonly loss: number | null;
  /** Parameters of the evaluated network. */
  readonly params: number;
  /** Multiply-accumulates for one image. */
  readonly macs: number;
  /** Wall-clock milliseconds the evaluation took: a measurement, never part of a result's identity. */
  readonly ms: number;
}

/** The cost the search minimises beside the error. */
export type CostObjective = 'params' | 'macs';
export const COST_OBJECTIVES: readonly CostObjective[] = ['params', 'macs'];

/** [1 - accuracy, cost]: both minimised. */
export function objectivesOf(metrics: Metrics, objective: CostObjective): [number, number] {
  return [1 - metrics.accuracy, metrics[objective]];
}

/** A description of what is wrong with an evaluator's metrics, or undefined when they are usable. */
export function metricsProblem(metrics: Metrics): string | undefined {
  const { accuracy, params, macs } = metrics;
  if (!(Number.isFinite(accuracy) && accuracy >= 0 && accuracy <= 1)) return `accuracy ${accuracy} is not a fraction in [0, 1]`;
  if (!(Number.isFinite(params) && params >= 0)) return `params ${params} is not a count ≥ 0`;
  if (!(Number.isFinite(macs) && macs >= 0)) return `MACs ${macs} is not a count ≥ 0`;
  return undefined;
}
