/**
 * The seam between a run and how it evaluates: `--evaluator KIND[:ARGUMENT]` picks a problem
 * opener. `supernet` (the default) trains a supernet on `--dataset` when the store has none, then
 * evaluates subnets with inherited weights; `table:FILE` looks metrics up in a tabular benchmark.
 */
import { InputError } from '../errors/errors.js';
import type { Problem } from '../search/problem.js';
import type { Store } from '../store/store.js';
import type { RunConfig } from '../run/config.js';
import { tableProblem } from './table-problem.js';

/** Opens the problem of one kind; `argument` is what follows the colon (a table's file). */
export type ProblemOpener = (argument: string, config: RunConfig, store: Store, log: (line: string) => void) => Promise<Problem>;

export const PROBLEM_OPENERS: Readonly<Record<string, ProblemOpener>> = {
  table: (file, config) => tableProblem(file, config),
  // Loaded on demand: the supernet brings TensorFlow.js, which a table search never needs.
  supernet: async (_argument, config, store, log) => (await import('./supernet-problem.js')).supernetProblem(config, store, log),
};

/** The problem a run's `evaluator` setting names, or an error saying what is available. */
export async function openProblem(config: RunConfig, store: Store, log: (line: string) => void = () => {}): Promise<Problem> {
  const [kind = '', ...rest] = (config.evaluator ?? 'supernet').split(':');
  const argument = rest.join(':');
  const opener = PROBLEM_OPENERS[kind];
  if (!opener || (kind === 'table' && argument === '')) {
    throw new InputError(
      `unknown evaluator "${config.evaluator}". Use --evaluator supernet (the default: train a supernet on ` +
        '--dataset, then evaluate subnets with inherited weights) or table:FILE with a Channel-Bench-Macro-format table.',
    );
  }
  return opener(argument, config, store, log);
}
