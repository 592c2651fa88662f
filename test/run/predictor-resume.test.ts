import { join } from 'node:path';
import t from 'tap';
import { runCommand } from '../../src/cli/commands/run.js';
import { Store } from '../../src/store/index.js';
import type { GenerationRecord } from '../../src/store/schema.js';
import { CHANNEL_BENCH_RESNET } from '../../src/tabular/index.js';
import { writeGeneratedTable } from '../helpers/tables.js';
import { tempDir } from '../helpers/tmp.js';

/** Everything that identifies a result (genomes, metrics, populations, archives, generator states), not timings. */
const TIMINGS = new Set(['ms', 'seconds', 'committedAt']);
const identity = (generations: readonly GenerationRecord[]) => JSON.stringify(generations, (key, value: unknown) => (TIMINGS.has(key) ? 0 : value));

t.test('a predictor run stopped and resumed from its store is bit-identical to an uninterrupted one', async (t) => {
  const table = writeGeneratedTable(t, CHANNEL_BENCH_RESNET, 12);
  const dir = tempDir(t);
  const args = (runDir: string, generations: number) => ({ evaluator: `table:${table}`, strategy: 'predictor' as const, generations, population: 10, workers: 0, seed: 21, runDir: join(dir, runDir) });
  await runCommand(args('whole', 7), { log: () => undefined });
  for (const stop of [2, 5]) {
    await runCommand(args(`split-${stop}`, stop), { log: () => undefined });
    await runCommand(args(`split-${stop}`, 7), { log: () => undefined });
  }
  const generations = (runDir: string) => {
    const store = Store.open(join(dir, runDir), { readOnly: true });
    try {
      return store.allGenerations();
    } finally {
      store.close();
    }
  };
  const whole = generations('whole');
  t.equal(whole.length, 7);
  t.equal(whole.at(-1)!.population.length, 70, 'the population is every evaluation: the predictor\'s training set, stored');
  for (const stop of [2, 5]) t.equal(identity(generations(`split-${stop}`)), identity(whole), `stopped after ${stop} generations, resumed`);
});
