/**
 * The training handler's dataset check (what `table build --queue` relies on): a worker whose copy
 * of the dataset differs from the build's refuses the task, naming the dataset and both hashes,
 * before it trains anything; the hash covers the test split exactly when the recipe validates on it.
 */
import t from 'tap';
import trainingHandler from '../../evaluators/handlers/training.js';
import { tableBuildSettings } from '../../src/cli/commands/table-build.js';
import { datasetContentHash } from '../../src/data/content-hash.js';
import { trainingDatasetHash } from '../../src/model-training/dataset-hash.js';
import { buildPlan } from '../../src/ground-truth/plan.js';
import { loadTrainingDataset } from '../../src/model-training/epochs.js';

const settings = tableBuildSettings({
  space: 'resnet20-cvpr2021', architectures: 2, seeds: 1, dataset: 'synthetic', recipe: 'cifar10', epochs: 1, labelSmoothing: 0,
  validation: 'test', seed: 5, trainImages: 64, validationImages: 32, batchSize: 32, out: 'unused.json', taskTimeout: 1, attempts: 1,
});

t.test('a worker whose dataset copy differs from the build\'s refuses the training, naming both hashes', async (t) => {
  const task = buildPlan(settings).tasks[0]!.task;
  const wrong = '0'.repeat(64);
  const context = await trainingHandler.setup({ backend: 'wasm', datasetSha256: wrong });
  await t.rejects(Promise.resolve(trainingHandler.evaluate(task, context)), {
    message: new RegExp(`^dataset synthetic on this worker has content hash [0-9a-f]{64}, but the build's copy has ${wrong}; give this worker the build's copy \\(--data-dir\\)$`),
  });
});

t.test('the training hash covers the test split when the recipe validates on it, and only then', async (t) => {
  const dataset = await loadTrainingDataset(settings.training);
  t.equal(trainingDatasetHash(dataset, { validation: 'holdout' }), datasetContentHash(dataset), 'holdout: the training split only, as a supernet run');
  t.not(trainingDatasetHash(dataset, { validation: 'test' }), datasetContentHash(dataset), 'test: the test split too');
  const otherTest = { ...dataset, test: { ...dataset.test, labels: dataset.test.labels.map((label) => (label + 1) % dataset.classNames.length) } };
  t.not(trainingDatasetHash(otherTest, { validation: 'test' }), trainingDatasetHash(dataset, { validation: 'test' }), 'another test split, another hash');
  t.equal(trainingDatasetHash(otherTest, { validation: 'holdout' }), trainingDatasetHash(dataset, { validation: 'holdout' }), 'unseen by a holdout recipe');
});
