/**
 * Evaluator-pool throughput of the supernet evaluator on the bundled dataset, printed as JSON:
 * evaluations per second with 1 and 2 workers (the same 20 seeded genomes: one generation of the
 * default population) and the speed-up. The supernet is trained briefly first (its weights do not
 * change the cost of evaluating).
 *
 *   npm run bench:search                       # --validation-images 1000 --genomes 20 by default
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { handlerSpec } from '../evaluators/handler.js';
import type { SupernetEvalSpec } from '../evaluators/handlers/supernet.js';
import { EvaluatorPool } from '../evaluators/pool.js';
import { trainSupernetPhase } from '../src/supernet/phase.js';
import { initBackend } from '../src/nn/backend.js';
import { Rng } from '../src/random/rng.js';
import { evaluatorProblem } from '../src/problems/evaluator-problem.js';
import { genomeCost, getSpace, sampleGenome } from '../src/space/index.js';
import { Store } from '../src/store/store.js';
import { DEFAULT_SHARDS } from '../src/train/shards.js';

const args = process.argv.slice(2);
const flag = (name: string, fallback: number) => Number(args[args.indexOf(name) + 1] ?? fallback) || fallback;
const validationImages = flag('--validation-images', 1000);
const count = flag('--genomes', 20);

await initBackend();
const runDir = mkdtempSync(join(tmpdir(), 'evo-nas-bench-search-'));
const space = getSpace();
try {
  const store = Store.open(runDir);
  const settings = {
    dataset: 'fashion-mnist-mini', dataDir: null, seed: 0, space: space.name, shortcut: space.shortcut, epochs: 1,
    batchSize: 64, lr: 0.1, warmupEpochs: 0, sandwich: 2, distill: true, labelSmoothing: 0, nesterov: true, trainImages: 256, augment: null, shards: DEFAULT_SHARDS,
  };
  const record = await trainSupernetPhase(store, settings, { log: () => undefined });
  const evalSpec: SupernetEvalSpec = {
    kind: 'supernet', dataset: settings.dataset, dataDir: null, seed: 0, space: space.name, shortcut: space.shortcut,
    validationImages, recalibrationBatches: 2, batchSize: 64, fineTuneSteps: 0, fineTuneLr: 0.01,
  };
  const rng = Rng.fromSeed(0).fork('bench-search');
  const genomes = Array.from({ length: count }, () => sampleGenome(space, rng));

  /** Evaluations per second of `workers` workers over the genomes, after one warm-up round. */
  const measure = async (workers: number) => {
    const pool = new EvaluatorPool({ handler: handlerSpec('supernet', { runDir, backend: 'auto' }), workers, timeoutMs: 600_000, attempts: 1 });
    const problem = evaluatorProblem({
      space, costOf: (g) => genomeCost(g, space), evalSpec, supernetVersion: record.version, seed: 0, evaluator: pool,
    });
    await problem.evaluate(genomes.slice(0, workers)); // each worker sets up its backend, store and data
    const start = performance.now();
    const outcomes = await problem.evaluate(genomes);
    const seconds = (performance.now() - start) / 1000;
    await problem.close?.();
    const failed = outcomes.filter((o) => !o.ok).length;
    return { workers, evals_per_s: Number((genomes.length / seconds).toFixed(2)), generation_s: Number(seconds.toFixed(2)), failed };
  };
  const one = await measure(1);
  const two = await measure(2);
  store.close();
  console.log(JSON.stringify({
    dataset: 'fashion-mnist-mini', validation_images: validationImages, genomes: count,
    pool: [one, two], speedup_2_vs_1: Number((two.evals_per_s / one.evals_per_s).toFixed(2)),
  }));
} finally {
  rmSync(runDir, { recursive: true, force: true });
}
