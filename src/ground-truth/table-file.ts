/**
 * A ground-truth table in Channel-Bench-Macro's format, keyed by genome text: one entry per
 * architecture, `acc` holding one test accuracy (percent) per finished training in seed order,
 * their mean and (population) standard deviation, and the network's exact parameters and MACs
 * (`flops`, as the benchmark names them). Written whole or not at all.
 */
import { renameSync, writeFileSync } from 'node:fs';
import type { Metrics } from '../search/metrics.js';
import { formatGenome } from '../space/index.js';
import type { TableEntry } from '../tabular/table.js';
import type { BuildPlan } from './plan.js';

export interface BuiltTable {
  readonly table: Record<string, TableEntry>;
  /** Architectures with every training finished. */
  readonly complete: number;
  readonly trainings: number;
}

/** Percent with 4 decimals: exact for any test split of up to a million images. */
const percent = (fraction: number) => Number((fraction * 100).toFixed(4));

/** The table of the finished trainings; an architecture with none is left out. */
export function builtTable(plan: BuildPlan, resultOf: (key: string) => Metrics | undefined): BuiltTable {
  const byGenome = new Map<string, number[]>();
  let trainings = 0;
  for (const { genome, key } of plan.tasks) {
    const metrics = resultOf(key);
    if (!metrics) continue;
    const text = formatGenome(genome);
    byGenome.set(text, [...(byGenome.get(text) ?? []), percent(metrics.accuracy)]);
    trainings += 1;
  }
  const seeds = plan.tasks.length / plan.genomes.length;
  const table: Record<string, TableEntry> = {};
  let complete = 0;
  for (const genome of plan.genomes) {
    const text = formatGenome(genome);
    const acc = byGenome.get(text);
    if (!acc) continue;
    if (acc.length === seeds) complete += 1;
    const mean = acc.reduce((s, a) => s + a, 0) / acc.length;
    const std = Math.sqrt(acc.reduce((s, a) => s + (a - mean) ** 2, 0) / acc.length);
    const cost = plan.costOf(genome);
    table[text] = { acc, mean: Number(mean.toFixed(4)), std: Number(std.toFixed(4)), params: cost.params, flops: cost.macs };
  }
  return { table, complete, trainings };
}

/** Writes `table` to `file` through a temp file renamed into place. */
export function writeTableFile(file: string, table: Record<string, TableEntry>): void {
  const temp = `${file}.${process.pid}.tmp`;
  // One architecture a line: compact like the benchmark's files, yet readable and diffable.
  const lines = Object.entries(table).map(([key, entry]) => `${JSON.stringify(key)}: ${JSON.stringify(entry)}`);
  writeFileSync(temp, `{\n${lines.join(',\n')}\n}\n`);
  renameSync(temp, file);
}
