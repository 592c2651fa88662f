/**
 * Ranking quality of the default run's supernet, printed as JSON: trains a supernet with the
 * settings `evo-nas run` uses (or reuses one trained by an earlier call with --run-dir), scores
 * the committed ground-truth table's architectures exactly as the search measures candidates
 * (`evo-nas predict`), and correlates the scores with the standalone accuracies (`evo-nas
 * correlate`): Kendall tau-b, Spearman, Pearson, top-10% overlap, beside the parameter-count floor
 * and the truth's seed-to-seed ceiling on the same architectures.
 *
 *   npm run bench:ranking
 *   npm run bench:ranking -- --run-dir runs/rank-fair --sampling fair          # one change at a time
 *   npm run bench:ranking -- --run-dir runs/rank-fair --metric loss            # reuses that supernet
 *
 * Flags: --truth FILE, --run-dir DIR (kept; default a temporary folder, removed after), and the run
 * settings --supernet-epochs, --sandwich, --sampling, --distill, --lr, --batch-size, --train-images,
 * --validation-images, --recalibration-batches, --workers, --seed; --metric accuracy|loss.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { initBackend } from '../src/nn/backend.js';
import { scoreOf, type PredictMetric } from '../src/cli/commands/predict.js';
import { supernetSettingsOf } from '../src/problems/supernet-problem.js';
import { scoreWithSupernet } from '../src/problems/supernet-scores.js';
import { correlate } from '../src/ranking/correlate.js';
import { formatSubmission, parseScoreFile, readScoreFile } from '../src/ranking/files.js';
import { checkSettings, resolveConfig, type RunConfig } from '../src/run/config.js';
import { getSpace } from '../src/space/index.js';
import { Store } from '../src/store/store.js';
import { finishedSupernet, trainSupernetPhase } from '../src/supernet/phase.js';

const TRUTH = fileURLToPath(new URL('../../assets/ground-truth/fashion-mnist-mini-resnet20-cvpr2021.json', import.meta.url));
/** Where a kept run directory remembers how long its supernet took to train. */
const SECONDS_RECORD = 'bench-ranking-supernet-seconds';

const args = process.argv.slice(2);
const flag = (name: string): string | undefined => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const number = (name: string) => (flag(name) === undefined ? undefined : Number(flag(name)));
const overrides = Object.fromEntries(
  Object.entries({
    supernetEpochs: number('--supernet-epochs'),
    sandwich: number('--sandwich'),
    sampling: flag('--sampling'),
    distill: args.includes('--distill') ? true : args.includes('--no-distill') ? false : undefined,
    lr: number('--lr'),
    batchSize: number('--batch-size'),
    trainImages: number('--train-images'),
    validationImages: number('--validation-images'),
    recalibrationBatches: number('--recalibration-batches'),
    workers: number('--workers'),
    seed: number('--seed'),
  }).filter(([, v]) => v !== undefined),
);
const metric = (flag('--metric') ?? 'accuracy') as PredictMetric;
const truthFile = flag('--truth') ?? TRUTH;
const keep = flag('--run-dir');
const runDir = keep ?? mkdtempSync(join(tmpdir(), 'evo-nas-ranking-'));
const config: RunConfig = resolveConfig({ ...checkSettings(overrides, ''), runDir });

await initBackend(config.backend === 'auto' ? undefined : (config.backend as never));
const space = getSpace(config.space ?? undefined);
const truth = readScoreFile(truthFile, space);
const genomes = [...truth.architectures.values()].map((a) => a.genome);
const settings = supernetSettingsOf(config);
const store = Store.open(runDir);
try {
  // trainSupernetPhase refuses a kept run directory whose supernet was trained with other settings.
  const reused = finishedSupernet(store, settings) !== undefined;
  const trainingStarted = performance.now();
  await trainSupernetPhase(store, settings, { log: (line) => process.stderr.write(`${line}\n`), workers: config.workers });
  if (!reused) store.putMeta(SECONDS_RECORD, (performance.now() - trainingStarted) / 1000);
  const supernetSeconds = store.getMeta(SECONDS_RECORD) as number | undefined;
  const started = performance.now();
  const scored = await scoreWithSupernet(store, genomes, {
    ...config,
    onScored: (done, total) => (done % 10 === 0 || done === total) && process.stderr.write(`scored ${done}/${total}\n`),
  });
  const scoreSeconds = (performance.now() - started) / 1000;
  const predictions = parseScoreFile(formatSubmission(scored.map((s) => ({ genome: s.genome, acc: scoreOf(metric, s) }))), space, 'predictions');
  const report = correlate(predictions, truth, space, 0.1);
  const round = (x: number) => Math.round(x * 1000) / 1000;
  console.log(
    JSON.stringify(
      {
        kendall: round(report.predicted.kendallTau),
        spearman: round(report.predicted.spearman),
        pearson: round(report.predicted.pearson),
        top10_overlap: round(report.predicted.topOverlap),
        params_kendall: round(report.paramsFloor.kendallTau),
        ceiling_kendall: report.seedCeiling ? round(report.seedCeiling.kendallTau) : null,
        attainable_kendall: report.attainableKendall === null ? null : round(report.attainableKendall),
        supernet_seconds: supernetSeconds === undefined ? null : Math.round(supernetSeconds),
        supernet_reused: reused,
        score_seconds: Math.round(scoreSeconds),
        architectures: report.architectures,
        metric,
        truth: truthFile,
        settings: { supernetEpochs: config.supernetEpochs, sandwich: config.sandwich, sampling: config.sampling, distill: config.distill, lr: config.lr, batchSize: config.batchSize, trainImages: config.trainImages, validationImages: config.validationImages, recalibrationBatches: config.recalibrationBatches, workers: config.workers, seed: config.seed },
      },
      null,
      2,
    ),
  );
} finally {
  await store.close();
  if (keep === undefined) rmSync(runDir, { recursive: true, force: true });
}
