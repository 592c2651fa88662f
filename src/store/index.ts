/** The LMDB store of a run directory: weights, supernet checkpoints, the run, generations, the evaluation cache. */
export * from './schema.js';
export * from './store.js';
export * from './lock.js';
