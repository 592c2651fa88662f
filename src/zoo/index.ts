/**
 * The CIFAR model zoo: named TensorFlow.js architectures whose parameter counts equal their
 * public PyTorch references (test/reference/zoo-params-torch.json).
 *
 * ```ts
 * import { buildModel, getArchitecture } from 'evo-nas/zoo';
 * const model = buildModel(getArchitecture('resnet20'), { classes: 10, seed: 1 });
 * ```
 */
export { KUANGLIU, WEIAICUNZAI, type Architecture, type BuildFn, type Reference } from './architecture.js';
export { architectureCost, countParams, layerMacs, modelCost, type ModelCost } from './cost.js';
export { reseedStochasticLayers, isStochasticLayer, type StochasticLayer } from './layers/index.js';
export { loadModelDir, saveModelDir } from './files.js';
export { buildModel, CIFAR_INPUT, type BuildOptions } from './model.js';
export { Net, type WeightInit } from './net.js';
export { getArchitecture, ZOO } from './registry.js';
export { entryArchitecture, loadEntryModel, resolveModel, type ModelSource } from './source.js';
export { genomeArchitecture } from './genome-architecture.js';
export { isZooEntryDir, readZooEntries, readZooEntry, type ZooEntry } from './entries.js';
export { layerSummary, type LayerRow } from './summary.js';
