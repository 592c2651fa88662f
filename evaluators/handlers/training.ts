/**
 * The training handler: trains a genome's network from scratch with the recipe and seed in the
 * task's spec and answers its accuracy on the validation images (`evo-nas table build`'s ground
 * truth). Setup (once per worker) picks the tensor backend; datasets are loaded once per worker
 * and kept.
 */
import type { Dataset } from '../../src/data/dataset.js';
import { loadTrainingDataset } from '../../src/model-training/epochs.js';
import { trainGenome, type GenomeTraining } from '../../src/model-training/train-genome.js';
import { initBackend, parseBackendChoice } from '../../src/nn/backend.js';
import type { EvaluatorHandler, HandlerOptions } from '../handler.js';

interface Context {
  readonly datasets: Map<string, Promise<Dataset>>;
}

/** Setup options: `{backend}` (a backend choice; default auto). */
const trainingHandler: EvaluatorHandler<Context> = {
  async setup(options: HandlerOptions) {
    const backend = String(options.backend ?? 'auto');
    await initBackend(backend === 'auto' ? undefined : parseBackendChoice(backend));
    return { datasets: new Map() };
  },

  async evaluate(task, context) {
    if (task.evalSpec.kind !== 'training') throw new Error(`the training handler cannot evaluate a "${task.evalSpec.kind}" spec`);
    // The spec is table build's TrainingEvalSpec: the recipe, its seed and the space.
    const spec = task.evalSpec as unknown as GenomeTraining;
    const key = JSON.stringify([spec.dataset, spec.dataDir]);
    let dataset = context.datasets.get(key);
    if (!dataset) {
      dataset = loadTrainingDataset(spec);
      context.datasets.set(key, dataset);
    }
    return trainGenome(task.genome, spec, await dataset);
  },
};

export default trainingHandler;
