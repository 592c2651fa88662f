/**
 * Procedural tables in Channel-Bench-Macro's format, for tests and demonstrations: seeded, with
 * the structure real width benchmarks show — accuracy rises with every layer's width with
 * diminishing returns, layers differ in how much accuracy their width buys, and independent
 * trainings scatter around the mean. Costs come from the analytic cost model.
 *
 * The accuracy model: mean = ceiling - sum_i importance_i * (1 / m_i - 1), where m_i in
 * {1/4, .., 4/4} is position i's multiplier and importance_i is drawn in [0.2, 1.4) per table;
 * each of the `runs` trainings adds noise of standard deviation `noise` (percent).
 */
import type { Rng } from '../random/rng.js';
import { tabularCost } from './cost.js';
import { allCodes, codeToGenome, MULTIPLIERS, type TabularSpace } from './spaces.js';
import type { TableEntry } from './table.js';

export interface GenerateOptions {
  /** Mean accuracy of the largest architecture, percent (default 94). */
  readonly ceiling?: number;
  /** Standard deviation of one training's accuracy around the mean, percent (default 0.15). */
  readonly noise?: number;
  /** Trainings per architecture (default 3, as the benchmark). */
  readonly runs?: number;
}

/** A complete table (every code of the space) as the JSON object the format describes. */
export function generateTable(space: TabularSpace, rng: Rng, options: GenerateOptions = {}): Record<string, TableEntry> {
  const { ceiling = 94, noise = 0.15, runs = 3 } = options;
  const importance = space.positions.map(() => 0.2 + 1.2 * rng.float());
  const table: Record<string, TableEntry> = {};
  for (const code of allCodes(space)) {
    const deficit = [...code].reduce((sum, digit, i) => sum + (importance[i] as number) * (MULTIPLIERS / Number(digit) - 1), 0);
    const acc = Array.from({ length: runs }, () => round(ceiling - deficit + noise * gaussian(rng), 2));
    const mean = acc.reduce((s, a) => s + a, 0) / runs;
    const std = Math.sqrt(acc.reduce((s, a) => s + (a - mean) ** 2, 0) / runs);
    const cost = tabularCost(codeToGenome(code, space) ?? [], space);
    table[code] = { acc, mean: round(mean, 4), std: round(std, 4), params: cost.params, flops: cost.macs };
  }
  return table;
}

/** A standard normal draw (Box-Muller). */
function gaussian(rng: Rng): number {
  return Math.sqrt(-2 * Math.log(1 - rng.float())) * Math.cos(2 * Math.PI * rng.float());
}

function round(x: number, digits: number): number {
  return Number(x.toFixed(digits));
}
