/**
 * One ground-truth training: a genome's network built from scratch (the zoo's
 * `genomeArchitecture`, exactly the network the supernet slices), trained with the task's recipe
 * and seed on the dataset's training images, then measured once on the validation images (the
 * test split unless the recipe says otherwise). All in memory: a training is the unit of resume.
 */
import { performance } from 'node:perf_hooks';
import type { Dataset } from '../data/dataset.js';
import type { Metrics } from '../search/metrics.js';
import { formatGenome, genomeCost, getSpace, type Genome, type Shortcut } from '../space/index.js';
import { buildModel, genomeArchitecture } from '../zoo/index.js';
import { closeEpochTrainer, epochTrainer, trainEpoch, trainingData, validate, type EpochSettings, type EpochTrainer } from './epochs.js';

/** Everything that decides one standalone training of a genome: the recipe, its seed, the space. */
export interface GenomeTraining extends EpochSettings {
  readonly space: string;
  readonly shortcut: Shortcut;
}

/** Trains `genome` as `spec` says on `dataset` (already loaded); accuracy is a fraction. */
export async function trainGenome(genome: Genome, spec: GenomeTraining, dataset: Dataset): Promise<Metrics> {
  const start = performance.now();
  const space = getSpace(spec.space);
  const inputShape = [dataset.height, dataset.width, dataset.channels] as const;
  const classes = dataset.classNames.length;
  const model = buildModel(genomeArchitecture(formatGenome(genome), space, genome, spec.shortcut), { classes, inputShape, seed: spec.seed });
  let trainer: EpochTrainer | undefined;
  try {
    const data = trainingData(dataset, spec);
    trainer = epochTrainer(model, data, spec);
    for (let epoch = 0; epoch < spec.epochs; epoch++) await trainEpoch(trainer, epoch);
    const measured = await validate(model, data);
    const cost = genomeCost(genome, space, { classes, inputChannels: dataset.channels, inputSize: [dataset.height, dataset.width], shortcut: spec.shortcut });
    return { accuracy: measured.top1, loss: measured.loss, params: cost.params, macs: cost.macs, ms: performance.now() - start };
  } finally {
    if (trainer) await closeEpochTrainer(trainer);
    model.dispose();
  }
}
