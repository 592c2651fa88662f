/**
 * The supernet problem, the default of `evo-nas run`: train the weight-sharing supernet on
 * `--dataset` when the store has none (or finish its training), then evaluate each candidate with
 * inherited weights in the evaluator pool through the `supernet` handler, which opens the run's
 * store read-only. Candidates are priced by the exact cost model at the dataset's input shape.
 */
import { datasetContentHash } from '../data/content-hash.js';
import { loadRunData } from '../supernet/run-data.js';
import { handlerSpec } from '../../evaluators/handler.js';
import type { SupernetEvalSpec } from '../../evaluators/handlers/supernet.js';
import { initBackend, parseBackendChoice } from '../nn/backend.js';
import type { Problem } from '../search/problem.js';
import { DEFAULT_SPACE_NAME, genomeCost, getSpace } from '../space/index.js';
import type { Store } from '../store/store.js';
import type { RunConfig } from '../run/config.js';
import { evaluatorFor } from './evaluator-for.js';
import { evaluatorProblem } from './evaluator-problem.js';
import { finishedSupernet, trainSupernetPhase } from '../supernet/phase.js';
import { supernetProgress, type SupernetSettings } from '../supernet/stored.js';

export async function supernetProblem(config: RunConfig, store: Store, log: (line: string) => void): Promise<Problem> {
  // 'auto' leaves the choice to initBackend, which honours $EVO_NAS_BACKEND.
  const backend = await initBackend(config.backend === 'auto' ? undefined : parseBackendChoice(config.backend));
  log(`backend ${backend.backend}: ${backend.reason.split('\n').at(-1) ?? ''}`);
  const space = getSpace(config.space ?? DEFAULT_SPACE_NAME);
  const settings: SupernetSettings = {
    dataset: config.dataset,
    dataDir: config.dataDir,
    seed: config.seed,
    space: space.name,
    shortcut: space.shortcut,
    epochs: config.supernetEpochs,
    batchSize: config.batchSize,
    lr: config.lr,
    warmupEpochs: Math.min(1, config.supernetEpochs - 1),
    sandwich: config.sandwich,
    distill: true,
    labelSmoothing: 0,
    nesterov: true,
    trainImages: config.trainImages,
    augment: null,
  };
  const finished = finishedSupernet(store, settings);
  if (finished) log(`using the trained supernet v${finished.version} in ${store.runDir}`);
  const record = finished ?? (await trainSupernetPhase(store, settings, { log }));
  const progress = supernetProgress(record);
  if (!progress) throw new Error('the supernet phase returned a checkpoint of another kind');
  const evalSpec: SupernetEvalSpec = {
    kind: 'supernet',
    dataset: config.dataset,
    dataDir: config.dataDir,
    seed: config.seed,
    space: space.name,
    shortcut: space.shortcut,
    validationImages: config.validationImages,
    recalibrationBatches: config.recalibrationBatches,
    batchSize: config.batchSize,
    fineTuneSteps: config.fineTuneSteps,
    fineTuneLr: config.lr / 10,
  };
  // Workers on other hosts load their own copy of the dataset: tell them the content to expect.
  const datasetSha256 = config.queue ? datasetContentHash((await loadRunData(settings)).dataset) : undefined;
  const handler = handlerSpec('supernet', { runDir: store.runDir, backend: config.backend, ...(datasetSha256 ? { datasetSha256 } : {}) });
  const evaluator = evaluatorFor(handler, config, {
    log,
    // Remote workers cannot open this store: publish the version's weights to the queue's Redis.
    prepare: async (redis, queueName) => {
      const { publishSupernet } = await import('../../evaluators/queue/weight-cache.js');
      const sent = await publishSupernet(redis, queueName, record, store.getWeights(record.weights));
      log(`published supernet v${record.version} to the queue (${sent} new weight blobs)`);
    },
  });
  const costSetting = {
    classes: progress.classes,
    inputChannels: progress.inputChannels,
    shortcut: space.shortcut,
    inputSize: [progress.inputSize[0], progress.inputSize[1]] as const,
  };
  return evaluatorProblem({
    space,
    costOf: (genome) => genomeCost(genome, space, costSetting),
    evalSpec,
    supernetVersion: record.version,
    seed: config.seed,
    evaluator,
  });
}
