/**
 * What an evaluator is asked and what it answers. A task is self-contained and plain data
 * (structured-cloneable), so any worker can take any task.
 */
import { createHash } from 'node:crypto';
import type { Metrics } from '../src/search/metrics.js';
import type { Genome } from '../src/space/genome.js';

/**
 * Everything besides the genome and the weights that decides a result: for the supernet, the
 * dataset, split, BN-recalibration batches, validation images and fine-tune steps; for a table,
 * its content hash. `kind` names the handler that understands it.
 */
export interface EvaluationSpec {
  readonly kind: string;
  readonly [setting: string]: unknown;
}

export interface EvaluationTask {
  readonly genome: Genome;
  /** The supernet version whose weights the subnet inherits (0: no supernet, e.g. a table). */
  readonly supernetVersion: number;
  readonly evalSpec: EvaluationSpec;
  /** The task's own seed (derived from the run seed and the genome), for any sampling it does. */
  readonly seed: number;
}

/** A handler's answer: accuracy, loss, params, MACs and milliseconds. */
export type EvaluationResult = Metrics;

/** A task's fate after the evaluator's retries: a result, or the reason there is none. */
export type EvaluationOutcome =
  | { readonly ok: true; readonly result: EvaluationResult; readonly attempts: number }
  | { readonly ok: false; readonly reason: string; readonly attempts: number };

/** First 16 hex digits of sha256 over the spec's canonical JSON (keys sorted at every level). */
export function evalSpecHash(spec: EvaluationSpec): string {
  return createHash('sha256').update(canonicalJson(spec)).digest('hex').slice(0, 16);
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
