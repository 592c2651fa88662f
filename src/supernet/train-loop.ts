/**
 * The training loop shared by the supernet and standalone networks (a standalone network is a
 * supernet over a one-genome space, whose sandwich is just that genome). Deterministic for a seed
 * and backend: the subnets of step k are drawn from `rng.fork("step-k")`, so a run resumed at step
 * k draws what the uninterrupted run drew.
 */
import type { Rng } from '../random/rng.js';
import { largestGenome, stepSubnets, type Genome, type SubnetSampling } from '../space/index.js';
import type { Supernet } from './supernet.js';
import type { Schedule } from '../train/schedule.js';
import type { TrainBatch } from '../train/batch.js';
import { sandwichStep } from './sandwich.js';
import type { Sgd } from '../train/sgd.js';
import type { ArrayBatch } from '../train/tensor-batches.js';
import type { DataParallelTrainer } from './data-parallel.js';

export interface TrainOptions {
  /** Index of the first step (non-zero when resuming). */
  readonly startStep?: number;
  /** Steps to run, one batch each. */
  readonly steps: number;
  readonly schedule: Schedule;
  /** Random subnets per step beside the largest and smallest; undefined trains the largest only. */
  readonly sandwichRandom?: number;
  /** How the subnets beside the largest are drawn (sandwich training only); default 'sandwich'. */
  readonly sampling?: SubnetSampling;
  /** In-place distillation from the largest subnet (sandwich training only); default true. */
  readonly distill?: boolean;
  readonly labelSmoothing?: number;
  readonly rng: Rng;
  readonly onStep?: (report: StepReport) => void;
}

export interface StepReport {
  readonly step: number;
  readonly lr: number;
  /** Loss of each subnet trained this step, largest first. */
  readonly losses: readonly number[];
}

/** The subnets trained at one step: the sandwich, or just the largest network. */
export function stepGenomes(supernet: Supernet, step: number, options: Pick<TrainOptions, 'sandwichRandom' | 'sampling' | 'rng'>): Genome[] {
  if (options.sandwichRandom === undefined) return [largestGenome(supernet.space)];
  return stepSubnets(supernet.space, options.sampling ?? 'sandwich', options.sandwichRandom, options.rng.fork(`step-${step}`));
}

/** What one step does with its batch: train the subnets, return their losses (largest first). */
type StepRunner<B> = (batch: B, genomes: Genome[], step: { lr: number; labelSmoothing: number; distill: boolean }) => Promise<readonly number[]> | readonly number[];

/**
 * The loop both trainers share: `options.steps` steps over `batches`, each with its scheduled
 * rate and its subnets; `release` frees a batch after its step (or when the loop stops early).
 * Stops early, without error, if the batches run out.
 */
async function runSteps<B>(batches: AsyncIterable<B> | Iterable<B>, options: TrainOptions, genomesAt: (step: number) => Genome[], runStep: StepRunner<B>, release: (batch: B) => void) {
  const reports: StepReport[] = [];
  const start = options.startStep ?? 0;
  let step = start;
  for await (const batch of batches) {
    try {
      if (step >= start + options.steps) break;
      const lr = options.schedule(step);
      const losses = await runStep(batch, genomesAt(step), {
        lr,
        labelSmoothing: options.labelSmoothing ?? 0,
        distill: options.sandwichRandom !== undefined && (options.distill ?? true),
      });
      const report = { step, lr, losses };
      reports.push(report);
      options.onStep?.(report);
    } finally {
      release(batch);
    }
    step += 1;
  }
  return reports;
}

/** Trains on this thread, disposing each batch's tensors after its step. */
export async function train(
  supernet: Supernet,
  optimizer: Sgd,
  batches: AsyncIterable<TrainBatch> | Iterable<TrainBatch>,
  options: TrainOptions,
): Promise<StepReport[]> {
  return runSteps(
    batches,
    options,
    (step) => stepGenomes(supernet, step, options),
    (batch, genomes, step) => sandwichStep(supernet, optimizer, batch, genomes, step),
    disposeBatch,
  );
}

/**
 * `train` with each step cut into the trainer's shards and run on its workers (data-parallel.ts);
 * the same subnets per step, drawn from the same forks.
 */
export async function trainDataParallel(
  trainer: DataParallelTrainer,
  batches: AsyncIterable<ArrayBatch> | Iterable<ArrayBatch>,
  options: TrainOptions,
): Promise<StepReport[]> {
  return runSteps(
    batches,
    options,
    (step) => stepGenomes(trainer.supernet, step, options),
    (batch, genomes, step) => trainer.step(batch, genomes, step),
    () => undefined,
  );
}

function disposeBatch(batch: TrainBatch): void {
  batch.x.dispose();
  batch.targets.dispose();
}
