/**
 * The supernet handler: evaluates a subnet with weights inherited from the run's trained
 * supernet. Setup (once per worker) picks the tensor backend and opens the run's store read-only;
 * supernets are cached by version, and the validation and BN-recalibration images by evaluation
 * spec, so a task costs one recalibration and one validation pass (plus optional fine-tuning of a
 * copy, never written back).
 */
import { performance } from 'node:perf_hooks';
import * as tf from '@tensorflow/tfjs';
import { datasetContentHash } from '../../src/data/content-hash.js';
import { initBackend, parseBackendChoice } from '../../src/nn/backend.js';
import { Rng } from '../../src/random/rng.js';
import { labelledTensors, loadRunData, recalibrationImages, type RunData } from '../../src/supernet/run-data.js';
import { genomeCost, type Shortcut } from '../../src/space/index.js';
import { Store } from '../../src/store/store.js';
import { loadSupernetFrom, storeWeightsSource, type WeightsSource } from '../../src/supernet/weights-source.js';
import { assessSubnet } from '../../src/supernet/assess.js';
import type { LabelledBatch } from '../../src/supernet/evaluate.js';
import { Supernet } from '../../src/supernet/supernet.js';
import type { EvaluatorHandler, HandlerOptions } from '../handler.js';
import type { RemoteWeightsOptions } from '../queue/weight-cache.js';
import type { EvaluationSpec } from '../task.js';

/** What decides a supernet evaluation besides the genome and the weights. */
export interface SupernetEvalSpec extends EvaluationSpec {
  readonly kind: 'supernet';
  readonly dataset: string;
  readonly dataDir: string | null;
  /** The run seed, from which the validation split derives. */
  readonly seed: number;
  readonly space: string;
  readonly shortcut: Shortcut;
  /** Validation images measured (the first N of the run's validation split). */
  readonly validationImages: number;
  /** Training batches used to recalibrate BN. */
  readonly recalibrationBatches: number;
  readonly batchSize: number;
  readonly fineTuneSteps: number;
  readonly fineTuneLr: number;
}

/**
 * Setup options: `runDir` (the run's store, same host) or `weights` (a queue's weight cache, set
 * by the worker host); `backend`; `dataDir` (a worker's own data folder, in place of the spec's);
 * `datasetSha256` (the run's copy's content hash: a worker whose copy differs refuses the task).
 */
interface Context {
  readonly dataDir: string | undefined;
  readonly datasetSha256: string | undefined;
  /** The run's store (same host) or the queue's weight cache (a remote worker). */
  readonly weights: WeightsSource;
  readonly supernets: Map<number, Supernet>;
  readonly data: Map<string, Promise<RunData>>;
  readonly images: Map<string, { validation: LabelledBatch[]; recalibration: tf.Tensor4D[] }>;
}

const supernetHandler: EvaluatorHandler<Context> = {
  async setup(options: HandlerOptions) {
    const backend = String(options.backend ?? 'auto');
    await initBackend(backend === 'auto' ? undefined : parseBackendChoice(backend));
    const weights = options.weights
      ? (await import('../queue/weight-cache.js')).remoteWeightsSource(options.weights as RemoteWeightsOptions)
      : storeWeightsSource(Store.open(String(options.runDir), { readOnly: true }));
    const dataDir = typeof options.dataDir === 'string' ? options.dataDir : undefined;
    const datasetSha256 = typeof options.datasetSha256 === 'string' ? options.datasetSha256 : undefined;
    return { weights, dataDir, datasetSha256, supernets: new Map(), data: new Map(), images: new Map() };
  },

  async evaluate(task, context) {
    const start = performance.now();
    const spec = task.evalSpec as SupernetEvalSpec;
    const supernet = await supernetAt(context, task.supernetVersion);
    const data = await dataFor(context, spec);
    const images = imagesFor(context, spec, data);
    const fineTune =
      spec.fineTuneSteps > 0
        ? { steps: spec.fineTuneSteps, lr: spec.fineTuneLr, batches: fineTuneBatches(data, spec, task.seed), rng: Rng.fromSeed(task.seed) }
        : undefined;
    const metrics = await assessSubnet(supernet, task.genome, { recalibration: images.recalibration, validation: images.validation }, fineTune);
    const { classes, inputChannels } = supernet.config;
    const cost = genomeCost(task.genome, supernet.space, {
      classes,
      inputChannels,
      shortcut: spec.shortcut,
      inputSize: [data.dataset.height, data.dataset.width],
    });
    return { accuracy: metrics.accuracy, loss: metrics.loss, params: cost.params, macs: cost.macs, ms: performance.now() - start };
  },

  async teardown(context) {
    for (const supernet of context.supernets.values()) supernet.dispose();
    for (const images of context.images.values()) tf.dispose([...images.recalibration, ...images.validation.flatMap((b) => [b.x, b.labels])]);
    await context.weights.close();
  },
};

async function supernetAt(context: Context, version: number): Promise<Supernet> {
  const cached = context.supernets.get(version);
  if (cached) return cached;
  const stored = await loadSupernetFrom(context.weights, version);
  if (!stored) throw new Error(`the run's weights hold no trained supernet version ${version}`);
  for (const old of context.supernets.values()) old.dispose();
  context.supernets.clear();
  const { supernet } = stored;
  context.supernets.set(version, supernet);
  return supernet;
}

function dataFor(context: Context, spec: SupernetEvalSpec): Promise<RunData> {
  const dataDir = context.dataDir ?? spec.dataDir;
  const key = JSON.stringify([spec.dataset, dataDir, spec.seed]);
  let data = context.data.get(key);
  if (!data) {
    data = loadRunData({ ...spec, dataDir }).then((loaded) => {
      const sha256 = context.datasetSha256 && datasetContentHash(loaded.dataset);
      if (sha256 && sha256 !== context.datasetSha256) {
        throw new Error(`dataset ${spec.dataset} on this worker has content hash ${sha256}, but the run's copy has ${context.datasetSha256}; give this worker the run's copy (--data-dir)`);
      }
      return loaded;
    });
    context.data.set(key, data);
  }
  return data;
}

/** The validation batches and a fixed seeded sample of training batches for recalibration. */
function imagesFor(context: Context, spec: SupernetEvalSpec, data: RunData) {
  const key = JSON.stringify(spec);
  const cached = context.images.get(key);
  if (cached) return cached;
  const validationIndices = data.split.validation.slice(0, spec.validationImages);
  const validation: LabelledBatch[] = [];
  for (let i = 0; i < validationIndices.length; i += spec.batchSize) {
    validation.push(labelledTensors(data, validationIndices.slice(i, i + spec.batchSize)));
  }
  const recalibration = recalibrationImages(data, spec.seed, spec.recalibrationBatches, spec.batchSize);
  const images = { validation, recalibration };
  context.images.set(key, images);
  return images;
}

function* fineTuneBatches(data: RunData, spec: SupernetEvalSpec, seed: number) {
  const rng = Rng.fromSeed(seed).fork('fine-tune');
  for (let step = 0; step < spec.fineTuneSteps; step++) {
    const indices = Array.from({ length: spec.batchSize }, () => data.split.train[rng.int(data.split.train.length)] as number);
    const { x, labels } = labelledTensors(data, indices);
    const targets = tf.tidy(() => tf.oneHot(labels, data.dataset.classNames.length).toFloat() as tf.Tensor2D);
    labels.dispose();
    yield { x, targets };
  }
}

export default supernetHandler;
