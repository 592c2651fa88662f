/** Tabular benchmarks: Channel-Bench-Macro's spaces, its table format, a cost model, generated tables. */
export * from './spaces.js';
export * from './cost.js';
export * from './table.js';
export * from './generate.js';
export * from './fit.js';
