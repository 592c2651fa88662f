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
 *   npm run bench:ranking -- --run-dir runs/rank-3 --supernets 3               # mean and spread of 3 seeds
 *
 * One supernet's figure varies with its training seed by about as much as the settings compared
 * change it (docs/ranking.md), so --supernets K trains K (seeds --seed .. --seed+K-1, each in
 * DIR/seed-S when kept) and prints the means, Kendall's sample standard deviation and each one.
 *
 * Flags: --truth FILE, --run-dir DIR (kept; default a temporary folder, removed after), --supernets K, and the run
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
const supernets = Number(flag('--supernets') ?? 1);
if (!Number.isSafeInteger(supernets) || supernets < 1) throw new Error(`--supernets must be a whole number ≥ 1 (got ${flag('--supernets')})`);
const root = keep ?? mkdtempSync(join(tmpdir(), 'evo-nas-ranking-'));
const base: RunConfig = resolveConfig({ ...checkSettings(overrides, ''), runDir: root });

await initBackend(base.backend === 'auto' ? undefined : (base.backend as never));
const space = getSpace(base.space ?? undefined);
const truth = readScoreFile(truthFile, space);
const genomes = [...truth.architectures.values()].map((a) => a.genome);
const round = (x: number) => Math.round(x * 1000) / 1000;

/** One supernet of seed `seed`: trained (or reused from its kept directory), scored, correlated. */
async function measure(seed: number, runDir: string) {
  const config: RunConfig = { ...base, seed, runDir };
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
      onScored: (done, total) => (done % 10 === 0 || done === total) && process.stderr.write(`seed ${seed}: scored ${done}/${total}\n`),
    });
    const scoreSeconds = (performance.now() - started) / 1000;
    const predictions = parseScoreFile(formatSubmission(scored.map((s) => ({ genome: s.genome, acc: scoreOf(metric, s) }))), space, 'predictions');
    return { seed, reused, supernetSeconds, scoreSeconds, report: correlate(predictions, truth, space, 0.1) };
  } finally {
    await store.close();
  }
}

type Measured = Awaited<ReturnType<typeof measure>>;

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
/** Sample standard deviation; null for one value. */
function sd(xs: readonly number[]): number | null {
  if (xs.length < 2) return null;
  const centre = mean(xs);
  return Math.sqrt(xs.reduce((a, x) => a + (x - centre) ** 2, 0) / (xs.length - 1));
}

try {
  const measured: Measured[] = [];
  // One supernet keeps the given directory (as before); several get one each, seed by seed.
  for (let k = 0; k < supernets; k++) {
    const seed = base.seed + k;
    measured.push(await measure(seed, supernets === 1 ? root : join(root, `seed-${seed}`)));
  }
  const of = (pick: (m: Measured) => number) => measured.map(pick);
  const kendalls = of((m) => m.report.predicted.kendallTau);
  const kendallSd = sd(kendalls);
  const { report } = measured[0]!;
  const trainedSeconds = measured.map((m) => m.supernetSeconds).filter((x): x is number => x !== undefined);
  console.log(
    JSON.stringify(
      {
        kendall: round(mean(kendalls)),
        spearman: round(mean(of((m) => m.report.predicted.spearman))),
        pearson: round(mean(of((m) => m.report.predicted.pearson))),
        top10_overlap: round(mean(of((m) => m.report.predicted.topOverlap))),
        kendall_sd: kendallSd === null ? null : round(kendallSd),
        params_kendall: round(report.paramsFloor.kendallTau),
        ceiling_kendall: report.seedCeiling ? round(report.seedCeiling.kendallTau) : null,
        attainable_kendall: report.attainableKendall === null ? null : round(report.attainableKendall),
        supernet_seconds: trainedSeconds.length === measured.length ? Math.round(mean(trainedSeconds)) : null,
        supernet_reused: measured.every((m) => m.reused),
        score_seconds: Math.round(mean(of((m) => m.scoreSeconds))),
        supernets: measured.length,
        per_supernet:
          measured.length === 1
            ? undefined
            : measured.map((m) => ({ seed: m.seed, kendall: round(m.report.predicted.kendallTau), spearman: round(m.report.predicted.spearman), supernet_seconds: m.supernetSeconds === undefined ? null : Math.round(m.supernetSeconds) })),
        architectures: report.architectures,
        metric,
        truth: truthFile,
        settings: { supernetEpochs: base.supernetEpochs, sandwich: base.sandwich, sampling: base.sampling, distill: base.distill, lr: base.lr, batchSize: base.batchSize, trainImages: base.trainImages, validationImages: base.validationImages, recalibrationBatches: base.recalibrationBatches, workers: base.workers, seed: base.seed },
      },
      null,
      2,
    ),
  );
} finally {
  if (keep === undefined) rmSync(root, { recursive: true, force: true });
}
