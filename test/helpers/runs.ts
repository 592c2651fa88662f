/** Small real runs for the report and UI tests: the table evaluator makes a generation in milliseconds. */
import { join } from 'node:path';
import type { Test } from 'tap';
import { runCommand } from '../../src/cli/commands/run.js';
import { Store } from '../../src/store/index.js';
import type { CurvePoint } from '../../src/supernet/training-curve.js';
import { CHANNEL_BENCH_RESNET } from '../../src/tabular/index.js';
import { writeGeneratedTable } from './tables.js';

export interface TableRunOptions {
  readonly generations: number;
  readonly population?: number;
  readonly seed?: number;
  readonly strategy?: 'nsga2' | 'aging' | 'random';
  /** The generated table's file (default: a new one). */
  readonly table?: string;
}

/** Runs (or continues) a table search into `runDir`; returns the table used. */
export async function tableRun(t: Test, runDir: string, options: TableRunOptions): Promise<string> {
  const table = options.table ?? writeGeneratedTable(t, CHANNEL_BENCH_RESNET, 5);
  await runCommand(
    {
      evaluator: `table:${table}`,
      generations: options.generations,
      population: options.population ?? 8,
      seed: options.seed ?? 3,
      strategy: options.strategy ?? 'nsga2',
      workers: 0,
      runDir,
    },
    { log: () => undefined },
  );
  return table;
}

/** Two epochs of a made-up supernet training curve, as the supernet phase stores it. */
export function writeSupernetCurve(runDir: string, epochs = 2, pointsPerEpoch = 3): CurvePoint[] {
  const store = Store.open(runDir);
  const all: CurvePoint[] = [];
  try {
    for (let epoch = 1; epoch <= epochs; epoch++) {
      const curve = Array.from({ length: pointsPerEpoch }, (_, i): CurvePoint => {
        const step = (epoch - 1) * pointsPerEpoch + i;
        return { step, lr: 0.1 / (step + 1), largest: 2 / (step + 1), smallest: 2.5 / (step + 1), random: 2.2 / (step + 1) };
      });
      all.push(...curve);
      store.saveSupernet({
        weights: [{ name: 'w', shape: [1], data: new Float32Array([epoch]) }],
        training: { phase: 'supernet', epoch, step: epoch * pointsPerEpoch, curve },
      });
    }
  } finally {
    void store.close();
  }
  return all;
}

export const runPath = (dir: string, name: string) => join(dir, name);
