/**
 * The tabular handler: looks a genome up in a Channel-Bench-Macro-format table. Setup loads the
 * table once per worker; evaluation checks the task's spec names this very table (by content
 * hash), then answers from it: accuracy = the mean of the table's trainings / 100, MACs = its
 * FLOPs figure, no loss.
 */
import { performance } from 'node:perf_hooks';
import { loadTable, tableKey, tableSpace, type BenchTable } from '../../src/tabular/index.js';
import type { EvaluatorHandler, HandlerOptions } from '../handler.js';

/** Setup options: `{file, space}` (space: a tabular space, or a width space whose table is keyed by genome text). */
const tableHandler: EvaluatorHandler<BenchTable> = {
  async setup(options: HandlerOptions) {
    return loadTable(String(options.file), tableSpace(String(options.space)));
  },
  async evaluate(task, table) {
    const start = performance.now();
    // TEST ONLY: makes each lookup take this long, so the queue's fault tests can catch a job mid-run.
    const testDelayMs = Number(process.env.EVO_NAS_TEST_TABLE_DELAY_MS ?? 0);
    if (testDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, testDelayMs));
    if (task.evalSpec.sha256 !== table.sha256) {
      throw new Error(`task asks for table ${String(task.evalSpec.sha256)}, but this worker holds ${table.source} (${table.sha256})`);
    }
    const key = tableKey(task.genome, table.space);
    const entry = table.entries.get(key);
    if (!entry) throw new Error(`architecture ${key} is not in table ${table.source}`);
    return { accuracy: entry.mean / 100, loss: null, params: entry.params, macs: entry.flops, ms: performance.now() - start };
  },
};

export default tableHandler;
