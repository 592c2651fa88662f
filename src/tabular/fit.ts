/**
 * Which Channel-Bench-Macro space a table was measured in. Both spaces write an architecture as 7
 * digits 1-4, so a ResNet table's keys are valid MobileNet codes too and a wrong `--space` would
 * print MobileNet widths beside ResNet accuracies. The entries' params tell them apart: the two
 * networks differ about eightfold in size, far more than any gap between the analytic cost model
 * and the benchmark's own figures.
 */
import { tabularCost } from './cost.js';
import { codeToGenome, TABULAR_SPACES, type TabularSpace } from './spaces.js';
import type { BenchTable } from './table.js';

/** Entries compared: enough for a stable median, few enough to cost nothing next to reading the file. */
const SAMPLE = 256;

/** A space fits markedly better than another when its params are closer by at least this factor. */
const MARGIN = Math.log(2);

/**
 * The median |log(table params / cost-model params)| of the table's entries read in `space`:
 * 0 when the table's figures are the cost model's, about 2 for the other network.
 */
export function paramsMisfit(table: BenchTable, space: TabularSpace): number {
  const gaps = [...table.entries]
    .slice(0, SAMPLE)
    .flatMap(([code, entry]) => {
      const genome = codeToGenome(code, space);
      const model = genome ? tabularCost(genome, space).params : 0;
      return genome && entry.params > 0 && model > 0 ? [Math.abs(Math.log(entry.params / model))] : [];
    })
    .sort((a, b) => a - b);
  return gaps.length === 0 ? 0 : (gaps[gaps.length >> 1] as number);
}

/**
 * The tabular space whose cost model the table's params fit markedly better than `space`'s, if
 * there is one (then the table was measured in that space, not in `space`).
 */
export function betterFittingSpace(table: BenchTable, space: TabularSpace): { space: TabularSpace; ratio: number; asked: number } | undefined {
  const asked = paramsMisfit(table, space);
  const best = [...TABULAR_SPACES.values()]
    .filter((other) => other.name !== space.name)
    .map((other) => ({ space: other, misfit: paramsMisfit(table, other) }))
    .sort((a, b) => a.misfit - b.misfit)[0];
  return best && best.misfit + MARGIN < asked ? { space: best.space, ratio: Math.exp(best.misfit), asked: Math.exp(asked) } : undefined;
}
