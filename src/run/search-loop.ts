/**
 * The generation loop: ask the population manager for genomes, serve what the cache knows,
 * evaluate the rest, tell the manager, update the Pareto archive and commit the generation —
 * population, archive, hypervolume and the generator's state — in one step. It starts from the
 * journal's last committed generation, so a run that was killed continues exactly where its last
 * commit left it: the same genomes are asked, with the same random numbers.
 */
import { performance } from 'node:perf_hooks';
import type { PopulationManager } from '../../populations/manager.js';
import { Rng } from '../random/rng.js';
import { archiveHypervolume, updateArchive } from '../search/archive.js';
import { objectivesOf, type CostObjective, type Metrics } from '../search/metrics.js';
import { evaluationKey, type Problem } from '../search/problem.js';
import { dedupeGenomes } from '../space/dedupe.js';
import { genomeHash } from '../space/hash.js';
import { budgetViolation, type Budget } from '../space/repair.js';
import { largestGenome } from '../space/sample.js';
import type { CandidateRecord, EvaluatedIndividual, GenerationRecord } from '../store/schema.js';
import { allFailedError } from './failures.js';
import type { Journal } from './journal.js';

export interface SearchOptions {
  readonly problem: Problem;
  readonly manager: PopulationManager;
  readonly journal: Journal;
  /** Generations in all; a journal already past this many has nothing to do. */
  readonly generations: number;
  readonly seed: number;
  readonly objective: CostObjective;
  readonly budget: Budget;
  /** Called as each evaluation of the current generation completes. */
  readonly onEvaluation?: (done: number, total: number, generation: number) => void;
  /** Called after each generation is committed. */
  readonly onGeneration?: (generation: GenerationRecord) => void;
}

/** Runs the generations the journal lacks; returns the last committed generation. */
export async function runSearch(options: SearchOptions): Promise<GenerationRecord | undefined> {
  const { problem, manager, journal, objective, budget } = options;
  let last = journal.last();
  let population: readonly EvaluatedIndividual[] = last?.population ?? [];
  let archive: readonly EvaluatedIndividual[] = last?.archive ?? [];
  const rng = last ? Rng.fromState(last.rng) : Rng.fromSeed(options.seed).fork('search');
  const costScale = problem.costOf(largestGenome(problem.space))[objective];
  const individual = (candidate: { genome: CandidateRecord['genome']; hash: string }, metrics: Metrics): EvaluatedIndividual => ({
    ...candidate,
    objectives: objectivesOf(metrics, objective),
    violation: budgetViolation(metrics, budget),
    metrics,
  });

  for (let index = (last?.index ?? -1) + 1; index < options.generations; index++) {
    const start = performance.now();
    const evaluatedBefore = (hash: string) => journal.cached(evaluationKey(hash, problem.scope)) !== undefined;
    const asked = dedupeGenomes(manager.ask(population, rng, evaluatedBefore), problem.space).map((genome) => ({ genome, hash: genomeHash(genome, problem.space) }));
    const cached = asked.map(({ hash }) => journal.cached(evaluationKey(hash, problem.scope)));
    const fresh = asked.filter((_, i) => cached[i] === undefined);
    let done = asked.length - fresh.length;
    options.onEvaluation?.(done, asked.length, index);
    const outcomes = await problem.evaluate(
      fresh.map((c) => c.genome),
      () => options.onEvaluation?.(++done, asked.length, index),
    );

    const evaluations = new Map<string, Metrics>();
    const freshOutcome = new Map(fresh.map((c, i) => [c.hash, outcomes[i]]));
    const candidates: CandidateRecord[] = asked.map((candidate, i) => {
      const hit = cached[i];
      if (hit) return { ...candidate, source: 'cached', metrics: hit };
      const outcome = freshOutcome.get(candidate.hash);
      if (!outcome?.ok) return { ...candidate, source: 'failed', reason: outcome?.reason ?? 'no outcome' };
      evaluations.set(evaluationKey(candidate.hash, problem.scope), outcome.metrics);
      return { ...candidate, source: 'evaluated', metrics: outcome.metrics };
    });
    // Nothing of this generation measured (every genome asked was new and every evaluation failed):
    // stop, uncommitted so that a resume retries it, rather than search blind and report success.
    // One new genome failing beside cached ones is an ordinary failure and the run goes on.
    if (fresh.length > 0 && fresh.length === asked.length && evaluations.size === 0) throw allFailedError(index, candidates);
    const evaluated = candidates.flatMap((c) => (c.metrics ? [individual(c, c.metrics)] : []));

    population = manager.tell(population, evaluated);
    archive = updateArchive(archive, evaluated);
    const count = (source: CandidateRecord['source']) => candidates.filter((c) => c.source === source).length;
    last = {
      index,
      candidates,
      population,
      archive,
      hypervolume: archiveHypervolume(archive, costScale),
      rng: rng.state(),
      counts: { evaluated: count('evaluated'), cached: count('cached'), failed: count('failed') },
      supernetVersion: problem.scope.supernetVersion,
      evalSpecHash: problem.scope.evalSpecHash,
      seconds: (performance.now() - start) / 1000,
      committedAt: new Date().toISOString(),
    };
    journal.commit(last, evaluations);
    options.onGeneration?.(last);
  }
  return last;
}
