import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { STORE_FILE } from '../../src/store/store.js';
import { CHANNEL_BENCH_RESNET } from '../../src/tabular/index.js';
import { startCli, stopWorker } from '../helpers/processes.js';
import { frontOf, localFront, runArgs, type TableRun } from '../helpers/queue-runs.js';
import { REDIS_PASSWORD, redisMissing, startRedis } from '../helpers/redis.js';
import { writeGeneratedTable } from '../helpers/tables.js';
import { tempDir } from '../helpers/tmp.js';

const missing = redisMissing();
if (missing) console.log(`# skipping the queue's table runs: ${missing}`);

t.test('two table runs at once on one Redis, 2 worker processes: each reaches its local front; the password shows nowhere', { skip: missing }, async (t) => {
  const redis = await startRedis(t);
  const dir = tempDir(t);
  const runs: TableRun[] = [
    { table: writeGeneratedTable(t, CHANNEL_BENCH_RESNET, 5), generations: 4, population: 8, seed: 3 },
    { table: writeGeneratedTable(t, CHANNEL_BENCH_RESNET, 6), generations: 3, population: 10, seed: 4 },
  ];
  // Each lookup takes 100 ms (the table handler's test delay), so neither worker can finish every
  // job before the other has found the runs (workers look for new runs every second).
  const workers = [1, 2].map(() => startCli(t, ['worker', '--queue', redis.url, '--workers', '1'], { EVO_NAS_TEST_TABLE_DELAY_MS: '100' }));
  for (const worker of workers) t.ok(await worker.waitFor(/waiting for runs/), 'a worker is up');
  const queued = runs.map((run, i) => startCli(t, [...runArgs(run, join(dir, `queued-${i}`)), '--queue', redis.url]));
  for (const [i, run] of runs.entries()) {
    t.same(await queued[i]!.exit, [0, null], `run ${i} finishes`);
    t.same(await frontOf(join(dir, `queued-${i}`)), await localFront(run, dir), `run ${i} reaches the front of the same search evaluated locally`);
  }

  const status = startCli(t, ['queue', 'status', redis.url, '--json']);
  t.same(await status.exit, [0, null]);
  const report = JSON.parse(status.output()) as { runs: { runDir: string; completed: number; failed: number }[]; workers: { threads: number; done: number }[] };
  t.equal(report.runs.length, 2, 'both runs are listed');
  t.equal(report.workers.length, 2, 'both workers are connected');
  const completed = report.runs.reduce((sum, r) => sum + r.completed, 0);
  t.ok(completed > 0 && report.runs.every((r) => r.failed === 0), `${completed} jobs completed, none failed`);
  t.equal(report.workers.reduce((sum, w) => sum + w.done, 0), completed, 'the workers did every job, each once');
  t.ok(report.workers.every((w) => w.done > 0 && w.threads === 1), 'both workers took jobs');

  for (const worker of workers) {
    t.same(await stopWorker(worker), [0, null], 'SIGTERM stops a worker cleanly');
    t.match(worker.output(), /stopped/);
  }
  const printed = [...queued, ...workers, status].map((p) => p.output()).join('\n');
  t.match(printed, /redis:\/\/:\*\*\*@127\.0\.0\.1/, 'the URL is printed redacted');
  t.notOk(printed.includes(REDIS_PASSWORD), 'no output holds the password');
  for (const i of [0, 1]) t.notOk(readFileSync(join(dir, `queued-${i}`, STORE_FILE)).includes(REDIS_PASSWORD), `run ${i}'s store does not hold it`);
});
