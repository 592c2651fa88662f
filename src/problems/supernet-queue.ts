/**
 * A supernet's evaluations on a queue, shared by `run --queue` and `predict --queue`. Remote
 * workers cannot open the run's store, so the version's weights are published to the queue's
 * Redis before the first job; they load their own copy of the dataset, so the handler carries the
 * content hash of this host's copy (a worker whose copy differs refuses the task).
 */
import { handlerSpec, type HandlerSpec } from '../../evaluators/handler.js';
import { datasetContentHash } from '../data/content-hash.js';
import { loadTrainingDataset } from '../model-training/epochs.js';
import type { RunConfig } from '../run/config.js';
import type { SupernetRecord } from '../store/schema.js';
import type { Store } from '../store/store.js';
import type { QueueHooks } from './evaluator-for.js';

export interface SupernetHandlerSettings {
  readonly backend: RunConfig['backend'];
  readonly queue?: string | null;
  /** The dataset the candidates are measured on, and where this host finds it. */
  readonly dataset: string;
  readonly dataDir: string | null;
}

/** The supernet handler on the run's store; with a queue, the dataset's content hash as well. */
export async function supernetHandler(store: Store, settings: SupernetHandlerSettings): Promise<HandlerSpec> {
  const datasetSha256 = settings.queue ? datasetContentHash(await loadTrainingDataset(settings)) : undefined;
  return handlerSpec('supernet', { runDir: store.runDir, backend: settings.backend, ...(datasetSha256 ? { datasetSha256 } : {}) });
}

/** The queue hooks that publish the supernet version `record` (its weights read from `store`). */
export function publishingHooks(store: Store, record: SupernetRecord, log: (line: string) => void): QueueHooks {
  return {
    log,
    prepare: async (redis, queueName) => {
      const { publishSupernet } = await import('../../evaluators/queue/weight-cache.js');
      const sent = await publishSupernet(redis, queueName, record, store.getWeights(record.weights));
      log(`published supernet v${record.version} to the queue (${sent} new weight blobs)`);
    },
  };
}
