/**
 * The training handler: trains a genome's network from scratch with the recipe and seed in the
 * task's spec and answers its accuracy on the validation images (`evo-nas table build`'s ground
 * truth). Setup (once per worker) picks the tensor backend; datasets are loaded once per worker
 * and kept.
 */
import type { Dataset } from '../../src/data/dataset.js';
import { trainingDatasetHash } from '../../src/model-training/dataset-hash.js';
import { loadTrainingDataset } from '../../src/model-training/epochs.js';
import { trainGenome, type GenomeTraining } from '../../src/model-training/train-genome.js';
import { initBackend, parseBackendChoice } from '../../src/nn/backend.js';
import type { EvaluatorHandler, HandlerOptions } from '../handler.js';

interface Context {
  /** A queue worker's own data folder (`evo-nas worker --data-dir`), in place of the spec's. */
  readonly dataDir: string | undefined;
  /** The build host's copy's content hash (with `--queue`): a worker whose copy differs refuses the task. */
  readonly datasetSha256: string | undefined;
  readonly datasets: Map<string, Promise<Dataset>>;
}

/** Setup options: `{backend}` (a backend choice; default auto), `dataDir`, `datasetSha256`. */
const trainingHandler: EvaluatorHandler<Context> = {
  async setup(options: HandlerOptions) {
    const backend = String(options.backend ?? 'auto');
    await initBackend(backend === 'auto' ? undefined : parseBackendChoice(backend));
    const dataDir = typeof options.dataDir === 'string' ? options.dataDir : undefined;
    const datasetSha256 = typeof options.datasetSha256 === 'string' ? options.datasetSha256 : undefined;
    return { dataDir, datasetSha256, datasets: new Map() };
  },

  async evaluate(task, context) {
    if (task.evalSpec.kind !== 'training') throw new Error(`the training handler cannot evaluate a "${task.evalSpec.kind}" spec`);
    // The spec is table build's TrainingEvalSpec: the recipe, its seed and the space.
    const spec = task.evalSpec as unknown as GenomeTraining;
    return trainGenome(task.genome, spec, await datasetFor(context, spec));
  },
};

/** The spec's dataset, loaded once per worker and, when the build sent one, checked against its hash. */
function datasetFor(context: Context, spec: GenomeTraining): Promise<Dataset> {
  const dataDir = context.dataDir ?? spec.dataDir;
  const key = JSON.stringify([spec.dataset, dataDir, spec.validation]);
  let dataset = context.datasets.get(key);
  if (!dataset) {
    dataset = loadTrainingDataset({ dataset: spec.dataset, dataDir }).then((loaded) => {
      const sha256 = context.datasetSha256 && trainingDatasetHash(loaded, spec);
      if (sha256 && sha256 !== context.datasetSha256) {
        throw new Error(`dataset ${spec.dataset} on this worker has content hash ${sha256}, but the build's copy has ${context.datasetSha256}; give this worker the build's copy (--data-dir)`);
      }
      return loaded;
    });
    context.datasets.set(key, dataset);
  }
  return dataset;
}

export default trainingHandler;
