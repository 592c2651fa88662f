import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import t from 'tap';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const manifest = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { exports: Record<string, string | { types: string; default: string }>; bin: Record<string, string> };

/** Names the docs (docs/library-api.md) import from each entry. */
const DOCUMENTED: Record<string, readonly string[]> = {
  'evo-nas/space': ['getSpace', 'genomeCost', 'genomeHash', 'largestGenome', 'sampleGenome', 'mutation', 'crossover', 'repairGenome'],
  'evo-nas/search': ['nonDominatedSort', 'crowdingDistance', 'hypervolume2d', 'HYPERVOLUME_REFERENCE'],
  'evo-nas/populations': ['createManager'],
  'evo-nas/store': ['Store'],
  'evo-nas/data': ['loadDataset', 'validationSplit', 'trainingBatches', 'epochBatches', 'normaliseBatch', 'prefetch', 'syntheticDataset', 'DATASETS', 'DEFAULT_DATASET'],
  'evo-nas': ['Rng', 'Sgd', 'cosineWithWarmup', 'addAugmentOptions', 'augmentConfigFromOptions', 'buildAugmentation', 'initBackend', 'batchNormTraining', 'batchNormInference'],
  'evo-nas/zoo': ['buildModel', 'getArchitecture', 'reseedStochasticLayers', 'saveModelDir', 'loadModelDir'],
  'evo-nas/supernet': ['Supernet', 'recalibrateBn', 'evaluateSubnet', 'saveLayersModelTo', 'subnetLayersModel', 'train'],
};
const TENSOR_FREE = ['evo-nas/space', 'evo-nas/search', 'evo-nas/populations', 'evo-nas/store', 'evo-nas/data'];

t.test('every entry of the exports map has its JavaScript and its types built', async (t) => {
  const entries = Object.entries(manifest.exports).filter(([key]) => key !== './package.json');
  t.same(entries.map(([key]) => (key === '.' ? 'evo-nas' : `evo-nas/${key.slice(2)}`)).sort(), Object.keys(DOCUMENTED).sort(), 'the documented entries, no more');
  for (const [key, target] of entries) {
    if (typeof target === 'string') throw new Error(`${key} has no types`);
    t.ok(existsSync(`${root}${target.default}`), `${key}: ${target.default}`);
    t.ok(existsSync(`${root}${target.types}`), `${key}: ${target.types}`);
  }
  t.ok(existsSync(`${root}${manifest.bin['evo-nas']}`), 'the bin still points at a built file');
});

t.test('the package imports itself by name: each entry gives the documented names, the tensor-free ones without TensorFlow.js', async (t) => {
  // One child process, run from the repository root: the tensor-free entries are imported first,
  // and TensorFlow.js (whose engine sets globalThis._tfengine when it loads) must not be loaded
  // by any of them.
  const script = `
    const result = {};
    for (const name of ${JSON.stringify([...TENSOR_FREE, 'evo-nas', 'evo-nas/zoo', 'evo-nas/supernet'])}) {
      const module = await import(name);
      result[name] = { names: Object.keys(module), tensorflow: '_tfengine' in globalThis };
    }
    process.stdout.write(JSON.stringify(result));`;
  const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
  const result = JSON.parse(output) as Record<string, { names: string[]; tensorflow: boolean }>;
  for (const [entry, names] of Object.entries(DOCUMENTED)) {
    const missing = names.filter((name) => !result[entry]?.names.includes(name));
    t.same(missing, [], `${entry} exports ${names.join(', ')}`);
  }
  for (const entry of TENSOR_FREE) t.equal(result[entry]?.tensorflow, false, `${entry} loads no TensorFlow.js`);
  t.equal(result['evo-nas/supernet']?.tensorflow, true, 'the detector sees TensorFlow.js once a tensor entry loads it');
});
