/** The search space: declarations, genomes, cost model and genome operators. */
export * from './space.js';
export * from './spaces.js';
export * from './genome.js';
export * from './hash.js';
export * from './cost.js';
export * from './sample.js';
export * from './mutate.js';
export * from './crossover.js';
export * from './repair.js';
export * from './dedupe.js';
