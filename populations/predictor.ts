/**
 * Predictor-assisted search: spend evaluations only where a cheap model of accuracy, fitted on
 * the run's own evaluations, expects the front to improve (the surrogate-assisted evolutionary
 * scheme of Jin 2011; Sun et al. 2020 for NAS). Each generation:
 *
 * 1. fit a bootstrap ensemble of ridge regressors on every evaluation so far (features: the
 *    genome's widths, one-hot, plus pairwise products; see `surrogate/`);
 * 2. propose many new genomes with the space's operators — crossover and mutation of the front's
 *    members and those closest to it, and some uniform draws;
 * 3. send to evaluation the batch that adds the most predicted hypervolume, scored optimistically
 *    (predicted accuracy plus a multiple of the ensemble's spread: exploration where the model is
 *    unsure) on the exact cost.
 *
 * The population is every individual evaluated so far: the predictor is re-fitted from it each
 * generation, so it lives in the run's stored state and a resumed run proposes exactly what an
 * uninterrupted one would. The cost comes from `ManagerOptions.cost` when given (exact, from the
 * cost model) and is predicted like accuracy otherwise.
 */
import type { Rng } from '../src/random/rng.js';
import { dedupeIndividuals, type Individual } from '../src/search/individual.js';
import { crossover } from '../src/space/crossover.js';
import type { Genome } from '../src/space/genome.js';
import { mutation } from '../src/space/mutate.js';
import { sampleGenome } from '../src/space/sample.js';
import type { ManagerOptions, PopulationManager } from './manager.js';
import { initialGenomes, knownTo, newGenomes, nothing } from './offspring.js';
import { fitEnsemble, type Ensemble } from './surrogate/ensemble.js';
import { featureMap } from './surrogate/features.js';
import { improvement, selectBatch, staircase, type Candidate, type Point } from './surrogate/improvement.js';

export interface PredictorSettings {
  /** New genomes proposed (and predicted) per genome evaluated. */
  readonly candidatesPerGenome: number;
  /** Share of the proposals drawn uniformly rather than bred from the front and its neighbours. */
  readonly uniformShare: number;
  /** Optimism: predicted accuracy + this many ensemble spreads. */
  readonly exploration: number;
}

/** Chosen on the generated tables; a sweep around them changed little (docs/strategies.md). */
export const PREDICTOR_DEFAULTS: PredictorSettings = Object.freeze({ candidatesPerGenome: 20, uniformShare: 0.2, exploration: 1 });

/** The normalised reference point: a little beyond the worst cost and error evaluated. */
const REFERENCE: Point = [1.1, 1.1];

export function predictorSearch(options: ManagerOptions, settings: PredictorSettings = PREDICTOR_DEFAULTS): PopulationManager {
  const { space, populationSize, repair } = options;
  const mutate = mutation(options.mutation);
  const cross = crossover(options.crossover.kind);
  const features = featureMap(space);

  const ask = (population: readonly Individual[], rng: Rng, evaluated = nothing): Genome[] => {
    const known = knownTo(population, evaluated);
    if (population.length === 0) return initialGenomes(populationSize, space, repair, rng, known);
    const rows = population.map((p) => features.of(p.genome));
    const accuracy = fitEnsemble(rows, population.map((p) => 1 - (p.objectives[0] as number)), rng);
    const costModel: Ensemble | undefined = options.cost ? undefined : fitEnsemble(rows, population.map((p) => p.objectives[1] as number), rng);
    const costOf = (genome: Genome, row: Float64Array) => options.cost?.(genome) ?? (costModel as Ensemble).predict(row).mean;

    // Cost and error normalised to span [0, 1] over what was evaluated.
    const cost = unitScale(population.map((p) => p.objectives[1] as number));
    const error = unitScale(population.map((p) => p.objectives[0] as number));
    const feasible = population.filter((p) => p.violation === 0);
    const points = feasible.map((p): Point => [cost(p.objectives[1] as number), error(p.objectives[0] as number)]);
    const stairs = staircase(points);

    // Parents: the front and the members closest to it.
    const closeness = points.map(([x, y]) => improvement(stairs, x, y, REFERENCE));
    const order = closeness.map((_, i) => i).sort((a, b) => (closeness[b] as number) - (closeness[a] as number) || a - b);
    const parents = order.length > 0 ? order.slice(0, populationSize).map((i) => (feasible[i] as Individual).genome) : population.map((p) => p.genome);
    const propose = (): Genome[] => {
      if (rng.bool(settings.uniformShare)) return [sampleGenome(space, rng)];
      const [mother, father] = [rng.pick(parents), rng.pick(parents)];
      const pair = rng.bool(options.crossover.probability) ? cross(mother, father, space, rng) : [mother, father];
      return pair.map((child) => mutate(child, space, rng));
    };
    const proposals = newGenomes(populationSize * settings.candidatesPerGenome, propose, space, repair, known);

    const candidates = proposals.map((genome): Candidate => {
      const row = features.of(genome);
      const { mean, spread } = accuracy.predict(row);
      return { cost: cost(costOf(genome, row)), optimistic: error(1 - mean - settings.exploration * spread), expected: error(1 - mean) };
    });
    return selectBatch(stairs, candidates, populationSize, REFERENCE).map((i) => proposals[i] as Genome);
  };

  // Everything evaluated stays: it is the predictor's training set.
  const tell = <T extends Individual>(population: readonly T[], evaluated: readonly T[]): T[] => dedupeIndividuals([...population, ...evaluated]);

  return { strategy: 'predictor', ask, tell };
}

/** The affine map taking the values' range to [0, 1] (all values equal: shifted to 0). */
function unitScale(values: readonly number[]): (value: number) => number {
  let [lo, hi] = [Infinity, -Infinity];
  for (const v of values) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
  return (v) => (v - lo) / (hi - lo || 1);
}
