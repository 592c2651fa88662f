/** Settings of the search itself: its length, population manager, operators, budget and space. */
import { STRATEGIES } from '../../populations/manager.js';
import { COST_OBJECTIVES } from '../search/metrics.js';
import { CROSSOVER_KINDS } from '../space/crossover.js';
import { MUTATION_KINDS } from '../space/mutate.js';
import { choice, orNull, probability, text, wholeNumber } from './kinds.js';
import { setting } from './setting.js';

export const GENERATIONS = setting({ key: 'generations', kind: wholeNumber(1), placeholder: '<n>', help: 'generations in all, the initial population included', default: 50 });
export const POPULATION = setting({ key: 'population', kind: wholeNumber(4), placeholder: '<n>', help: 'genomes evaluated per generation', default: 20 });
export const STRATEGY = setting({ key: 'strategy', kind: choice(STRATEGIES), placeholder: '<name>', help: 'population manager (see docs/strategies.md)', default: 'predictor' });
export const OBJECTIVE = setting({ key: 'objective', kind: choice(COST_OBJECTIVES), placeholder: '<cost>', help: 'cost minimised beside the error', default: 'params' });
export const MAX_PARAMS = setting({ key: 'maxParams', kind: orNull(wholeNumber(1)), placeholder: '<n>', help: 'budget: most parameters a genome may have', default: null, defaultText: 'none' });
export const MAX_MACS = setting({ key: 'maxMacs', kind: orNull(wholeNumber(1)), placeholder: '<n>', help: 'budget: most multiply-accumulates a genome may need', default: null, defaultText: 'none' });
export const CROSSOVER = setting({ key: 'crossover', kind: choice(CROSSOVER_KINDS), placeholder: '<kind>', help: 'crossover operator', default: 'uniform' });
export const CROSSOVER_PROBABILITY = setting({ key: 'crossoverProbability', kind: probability, placeholder: '<p>', help: 'chance a child is a crossover of its parents', default: 0.9 });
export const MUTATION = setting({ key: 'mutation', kind: choice(MUTATION_KINDS), placeholder: '<kind>', help: 'mutation operator', default: 'neighbour' });
export const MUTATION_PROBABILITY = setting({
  key: 'mutationProbability',
  kind: orNull(probability),
  placeholder: '<p>',
  help: 'chance each position mutates',
  default: null,
  defaultText: '1 / genome length',
});
export const AGING_CAPACITY = setting({
  key: 'agingCapacity',
  kind: orNull(wholeNumber(1)),
  placeholder: '<n>',
  help: 'aging evolution: how many of the newest individuals stay alive',
  default: null,
  defaultText: 'twice the population',
});
export const TOURNAMENT_SIZE = setting({
  key: 'tournamentSize',
  kind: orNull(wholeNumber(2)),
  placeholder: '<n>',
  help: 'aging evolution: members sampled per tournament',
  default: null,
  defaultText: 'a quarter of the capacity, at least 2',
});
export const SPACE = setting({ key: 'space', kind: orNull(text), placeholder: '<name>', help: 'search space (see evo-nas space list)', default: null, defaultText: "the evaluator's" });
