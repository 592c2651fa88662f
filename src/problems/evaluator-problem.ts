/**
 * Adapts an evaluator (a piscina pool or in-process) to the search's Problem: each genome becomes
 * a self-contained task with its own seed, and each outcome is checked before the search sees it.
 * The tabular problem uses it now; the supernet problem uses it with the `supernet` handler.
 */
import type { Evaluator } from '../../evaluators/evaluator.js';
import type { EvaluationSpec, EvaluationTask } from '../../evaluators/task.js';
import { evalSpecHash } from '../../evaluators/task.js';
import { Rng } from '../random/rng.js';
import { metricsProblem } from '../search/metrics.js';
import type { GenomeOutcome, Problem } from '../search/problem.js';
import type { Genome } from '../space/genome.js';
import { genomeHash } from '../space/hash.js';
import type { CostOf } from '../space/repair.js';
import type { GenomeSpace } from '../space/space.js';

export interface EvaluatorProblemOptions {
  readonly space: GenomeSpace;
  readonly costOf: CostOf;
  readonly evalSpec: EvaluationSpec;
  readonly supernetVersion: number;
  /** The run seed: each task's seed derives from it and the genome's hash only. */
  readonly seed: number;
  readonly evaluator: Evaluator;
}

export function evaluatorProblem(options: EvaluatorProblemOptions): Problem {
  const { space, evalSpec, supernetVersion, evaluator } = options;
  const taskSeeds = Rng.fromSeed(options.seed).fork('evaluation-task');
  const task = (genome: Genome): EvaluationTask => ({
    genome,
    supernetVersion,
    evalSpec,
    // A genome's seed depends on nothing else, so a cached result and a fresh one agree.
    seed: taskSeeds.fork(genomeHash(genome, space)).seed32(),
  });
  return {
    space,
    costOf: options.costOf,
    scope: { supernetVersion, evalSpecHash: evalSpecHash(evalSpec) },
    async evaluate(genomes, onOutcome) {
      const outcomes: GenomeOutcome[] = [];
      const checked = (outcome: Awaited<ReturnType<Evaluator['evaluate']>>[number]): GenomeOutcome => {
        if (!outcome.ok) return { ok: false, reason: outcome.reason };
        const problem = metricsProblem(outcome.result);
        return problem ? { ok: false, reason: `the evaluator's ${problem}` } : { ok: true, metrics: outcome.result };
      };
      await evaluator.evaluate(genomes.map(task), (index, outcome) => {
        outcomes[index] = checked(outcome);
        onOutcome?.(index, outcomes[index]);
      });
      return outcomes;
    },
    close: () => evaluator.close(),
  };
}
