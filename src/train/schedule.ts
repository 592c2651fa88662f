/** Learning-rate schedules: pure functions from the step index (0-based) to a learning rate. */

export type Schedule = (step: number) => number;

export interface CosineOptions {
  readonly baseLr: number;
  readonly totalSteps: number;
  /** Steps of linear warm-up from baseLr / warmupSteps to baseLr; default 0. */
  readonly warmupSteps?: number;
  /** Floor the cosine decays to; default 0. */
  readonly minLr?: number;
}

/**
 * Linear warm-up: step (0-based) of warmupSteps runs at baseLr * (step + 1) / warmupSteps. The last
 * step is baseLr itself, not that product, which can round either way (0.1 * 6 / 6 is
 * 0.10000000000000002); earlier steps lie at least baseLr / warmupSteps below, far beyond rounding.
 * Multiplying by the fraction instead would trade this for other roundings (0.1 * (1 / 10) is not 0.01).
 */
function warmupRate(baseLr: number, step: number, warmupSteps: number): number {
  return step + 1 >= warmupSteps ? baseLr : (baseLr * (step + 1)) / warmupSteps;
}

/** Linear warm-up, then cosine annealing (Loshchilov & Hutter 2017) to minLr at totalSteps. */
export function cosineWithWarmup(options: CosineOptions): Schedule {
  const warmup = options.warmupSteps ?? 0;
  const minLr = options.minLr ?? 0;
  return (step) => {
    if (step < warmup) return warmupRate(options.baseLr, step, warmup);
    const progress = Math.min(1, (step - warmup) / Math.max(1, options.totalSteps - warmup));
    return minLr + ((options.baseLr - minLr) * (1 + Math.cos(Math.PI * progress))) / 2;
  };
}

export interface StepDecayOptions {
  readonly baseLr: number;
  /** Steps at which the rate is multiplied by gamma. */
  readonly milestones: readonly number[];
  readonly gamma: number;
  readonly warmupSteps?: number;
}

/** Piecewise constant: baseLr times gamma for every milestone passed (PyTorch's MultiStepLR). */
export function stepDecay(options: StepDecayOptions): Schedule {
  const warmup = options.warmupSteps ?? 0;
  return (step) => {
    if (step < warmup) return warmupRate(options.baseLr, step, warmup);
    const passed = options.milestones.filter((m) => step >= m).length;
    return options.baseLr * options.gamma ** passed;
  };
}
