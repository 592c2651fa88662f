/** Benchmarks of the search itself: strategies measured against a table's true front. */
export * from './front-share.js';
export * from './markdown.js';
export * from './spread.js';
export * from './strategies.js';
export * from './table-lookup.js';
