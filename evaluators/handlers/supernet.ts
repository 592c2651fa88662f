/**
 * The supernet handler: evaluates a subnet with weights inherited from the run's trained
 * supernet. Setup (once per worker) picks the tensor backend and opens the run's store read-only;
 * supernets are cached by version, and the validation and BN-recalibration images by evaluation
 * spec, so a task costs one recalibration and one validation pass (plus optional fine-tuning of a
 * copy, never written back).
 */
import { performance } from 'node:perf_hooks';
import * as tf from '@tensorflow/tfjs';
import { initBackend, parseBackendChoice } from '../../src/nn/backend.js';
import { Rng } from '../../src/random/rng.js';
import { labelledTensors, loadRunData, recalibrationImages, type RunData } from '../../src/supernet/run-data.js';
import { loadSupernet } from '../../src/supernet/stored.js';
import { genomeCost, type Shortcut } from '../../src/space/index.js';
import { Store } from '../../src/store/store.js';
import { assessSubnet } from '../../src/supernet/assess.js';
import type { LabelledBatch } from '../../src/supernet/evaluate.js';
import { Supernet } from '../../src/supernet/supernet.js';
import type { EvaluatorHandler, HandlerOptions } from '../handler.js';
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

interface Context {
  readonly store: Store;
  readonly supernets: Map<number, Supernet>;
  readonly data: Map<string, Promise<RunData>>;
  readonly images: Map<string, { validation: LabelledBatch[]; recalibration: tf.Tensor4D[] }>;
}

const supernetHandler: EvaluatorHandler<Context> = {
  async setup(options: HandlerOptions) {
    const backend = String(options.backend ?? 'auto');
    await initBackend(backend === 'auto' ? undefined : parseBackendChoice(backend));
    return { store: Store.open(String(options.runDir), { readOnly: true }), supernets: new Map(), data: new Map(), images: new Map() };
  },

  async evaluate(task, context) {
    const start = performance.now();
    const spec = task.evalSpec as SupernetEvalSpec;
    const supernet = supernetAt(context, task.supernetVersion);
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

  teardown(context) {
    for (const supernet of context.supernets.values()) supernet.dispose();
    for (const images of context.images.values()) tf.dispose([...images.recalibration, ...images.validation.flatMap((b) => [b.x, b.labels])]);
    context.store.close();
  },
};

function supernetAt(context: Context, version: number): Supernet {
  const cached = context.supernets.get(version);
  if (cached) return cached;
  const stored = loadSupernet(context.store, version);
  if (!stored) throw new Error(`the run's store holds no trained supernet version ${version}`);
  for (const old of context.supernets.values()) old.dispose();
  context.supernets.clear();
  const { supernet } = stored;
  context.supernets.set(version, supernet);
  return supernet;
}

function dataFor(context: Context, spec: SupernetEvalSpec): Promise<RunData> {
  const key = JSON.stringify([spec.dataset, spec.dataDir, spec.seed]);
  let data = context.data.get(key);
  if (!data) {
    data = loadRunData(spec);
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
