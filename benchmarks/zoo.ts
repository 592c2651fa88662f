/**
 * Forward-pass and training-step milliseconds of every zoo architecture at batch 32 on the
 * current TensorFlow.js backend, printed as one JSON object (progress goes to stderr), so users
 * can see what fits their machine.
 *
 *   npm run bench:zoo -- [--only resnet20,vit] [--backend wasm|cpu] [--batch 32] [--repeats 3] [--forward-only]
 *
 * Each figure is the median of `repeats` timed runs after one warm-up run. A training step is
 * what `evo-nas train` runs (src/train/model-step.ts): forward in training mode, softmax cross-
 * entropy, gradients and evo-nas's SGD (momentum 0.9, weight decay 5e-4). The backend is set up
 * by initBackend, so wasm has evo-nas's gradient kernels. Architectures whose step fails (e.g. a
 * backend without some gradient kernel) report the error instead.
 *
 * Memory per model: `trainStepPeakMiB`, the most tensor memory alive at once during one training
 * step (tf.profile's peak: weights, optimiser state, activations kept for the gradients, and the
 * gradients); `rssMiB`, the process's resident size after the model, which only grows from model
 * to model (the wasm heap keeps its largest size), so run one model (`--only NAME`) for its own.
 */
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../src/nn/backend.js';
import { parseBackendChoice } from '../src/nn/backend-choice.js';
import { Rng } from '../src/random/rng.js';
import { modelTrainStep, modelVariables } from '../src/model-training/model-step.js';
import { Sgd } from '../src/train/sgd.js';
import { buildModel, countParams, getArchitecture, ZOO, type Architecture } from '../src/zoo/index.js';

interface Options {
  only: Architecture[];
  backend: string;
  batch: number;
  repeats: number;
  forwardOnly: boolean;
}

function parse(argv: string[]): Options {
  const options: Options = { only: [...ZOO.values()], backend: 'wasm', batch: 32, repeats: 3, forwardOnly: false };
  for (let i = 0; i < argv.length; i++) {
    const [flag, value] = [argv[i], argv[i + 1]];
    const whole = () => {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} needs a whole number ≥ 1 (got "${value}")`);
      i++;
      return n;
    };
    if (flag === '--only') {
      options.only = (value ?? '').split(',').filter(Boolean).map(getArchitecture);
      i++;
    } else if (flag === '--backend') {
      options.backend = value ?? '';
      i++;
    } else if (flag === '--batch') options.batch = whole();
    else if (flag === '--repeats') options.repeats = whole();
    else if (flag === '--forward-only') options.forwardOnly = true;
    else throw new Error(`unknown option ${flag}; allowed: --only a,b --backend NAME --batch N --repeats N --forward-only`);
  }
  return options;
}

const mebibytes = (bytes: number) => Math.round(bytes / 2 ** 20);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Median milliseconds of `run` (which must finish its device work before returning). */
async function time(run: () => Promise<void>, repeats: number): Promise<number> {
  await run();
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  return Math.round(median(times) * 10) / 10;
}

async function measure(architecture: Architecture, options: Options) {
  const model = buildModel(architecture, { classes: 10, seed: 1 });
  const images = tf.randomUniform([options.batch, 32, 32, 3], 0, 1, 'float32', 1);
  const labels = tf.oneHot(tf.tensor1d(Array.from({ length: options.batch }, (_, i) => i % 10), 'int32'), 10).toFloat() as tf.Tensor2D;
  const variables = modelVariables(model);
  const optimizer = new Sgd(variables);
  let step = 0;
  const row: Record<string, unknown> = { name: architecture.name, params: countParams(model) };
  try {
    row.forwardMs = await time(async () => {
      const logits = model.predict(images) as tf.Tensor;
      await logits.data();
      logits.dispose();
    }, options.repeats);
    if (!options.forwardOnly) {
      const trainStep = () => {
        // The step reads its loss back, so its device work is done when it returns.
        modelTrainStep(model, variables, optimizer, { x: images as tf.Tensor4D, targets: labels }, { step: step++, lr: 0.01, labelSmoothing: 0, rng: Rng.fromSeed(1) });
      };
      row.trainStepMs = await time(async () => trainStep(), options.repeats);
      // The most tensor memory alive at once during one step: what the step itself needs.
      row.trainStepPeakMiB = mebibytes((await tf.profile(trainStep)).peakBytes);
    }
    row.rssMiB = mebibytes(process.memoryUsage().rss);
  } catch (error) {
    row.error = error instanceof Error ? error.message.split('\n')[0] : String(error);
  } finally {
    optimizer.dispose();
    model.dispose();
    tf.dispose([images, labels]);
  }
  return row;
}

const options = parse(process.argv.slice(2));
await initBackend(parseBackendChoice(options.backend));
const results = [];
for (const [i, architecture] of options.only.entries()) {
  const row = await measure(architecture, options);
  process.stderr.write(`${i + 1}/${options.only.length} ${JSON.stringify(row)}\n`);
  results.push(row);
}
console.log(JSON.stringify({ backend: tf.getBackend(), batch: options.batch, input: [32, 32, 3], repeats: options.repeats, date: new Date().toISOString(), results }));
