import * as tf from '@tensorflow/tfjs';
import { initBackend } from '/work/main/dist/src/nn/backend.js';
import { buildModel, getArchitecture } from '/work/main/dist/src/zoo/index.js';
import { modelTrainStep, modelVariables } from '/work/main/dist/src/train/model-step.js';
import { Sgd } from '/work/main/dist/src/train/sgd.js';
import { Rng } from '/work/main/dist/src/random/rng.js';
await initBackend('wasm');
const model = buildModel(getArchitecture(process.argv[2] ?? 'resnet20'), { classes: 10, seed: 1 });
const vars = modelVariables(model);
const opt = new Sgd(vars);
const x = tf.randomUniform([64, 32, 32, 3]); const targets = tf.oneHot(tf.zeros([64], 'int32'), 10).toFloat();
for (let i = 0; i < 6; i++) {
  const t0 = performance.now();
  modelTrainStep(model, vars, opt, { x, targets }, { step: i, lr: 0.1, labelSmoothing: 0, rng: Rng.fromSeed(1) });
  console.log('step', i, (performance.now() - t0).toFixed(0), 'ms');
}
if (process.argv[3]) {
  const prof = await tf.profile(() => { modelTrainStep(model, vars, opt, { x, targets }, { step: 9, lr: 0.1, labelSmoothing: 0, rng: Rng.fromSeed(1) }); });
  const by = {}; for (const k of prof.kernels) by[k.name] = (by[k.name] ?? 0) + k.kernelTimeMs;
  console.log(Object.entries(by).sort((a, b) => b[1] - a[1]).slice(0, 15));
}
