/** The search core: dominance, non-dominated sorting, crowding, hypervolume, the Pareto archive. */
export * from './dominance.js';
export * from './nds.js';
export * from './crowding.js';
export * from './hypervolume.js';
export * from './individual.js';
export * from './metrics.js';
export * from './archive.js';
export * from './problem.js';
