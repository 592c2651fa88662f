/** Datasets: readers, the catalogue and its sources, splits, and the batch pipeline. */
export * from './batch.js';
export * from './dataset.js';
export * from './stats.js';
export * from './catalogue.js';
export * from './sources.js';
export * from './load.js';
export * from './split.js';
export * from './batches.js';
export * from './normalise.js';
export * from './prefetch.js';
export * from './pipeline.js';
export * from './synthetic.js';
export { readCifar10 } from './cifar10.js';
export { readCifar100 } from './cifar100.js';
export { readIdxDataset, FASHION_MNIST_CLASSES, MNIST_CLASSES } from './mnist.js';
export { readTinyImageNet } from './tiny-imagenet.js';
export { fetchDataset, type FetchOptions, type FetchResult } from './fetch/fetch-dataset.js';
