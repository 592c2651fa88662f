/**
 * The seam between a run and how it evaluates: `--evaluator KIND[:ARGUMENT]` picks a problem
 * opener. `table:FILE` is built; the supernet evaluator (train a supernet on `--dataset` when the
 * store has none, then evaluate subnets with inherited weights through the `supernet` handler,
 * which opens the run's store read-only) registers here under `supernet`.
 */
import { InputError } from '../errors/errors.js';
import type { Problem } from '../search/problem.js';
import type { Store } from '../store/store.js';
import type { RunConfig } from './config.js';
import { tableProblem } from './table-problem.js';

/** Opens the problem of one kind; `argument` is what follows the colon (a table's file). */
export type ProblemOpener = (argument: string, config: RunConfig, store: Store) => Promise<Problem>;

export const PROBLEM_OPENERS: Readonly<Record<string, ProblemOpener>> = {
  table: (file, config) => tableProblem(file, config),
};

/** The problem a run's `evaluator` setting names, or an error saying what is available. */
export async function openProblem(config: RunConfig, store: Store): Promise<Problem> {
  const [kind = '', ...rest] = (config.evaluator ?? '').split(':');
  const argument = rest.join(':');
  const opener = PROBLEM_OPENERS[kind];
  if (!opener || (kind === 'table' && argument === '')) {
    throw new InputError(
      (config.evaluator === null
        ? 'evo-nas run needs --evaluator for now: the supernet evaluator (the default, training on --dataset) is not built yet. '
        : `unknown evaluator "${config.evaluator}". `) +
        'Use --evaluator table:FILE with a Channel-Bench-Macro-format table (e.g. Results_ResNet.json).',
    );
  }
  return opener(argument, config, store);
}
