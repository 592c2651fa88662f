import { join } from 'node:path';
import t from 'tap';
import { runQueueName } from '../../evaluators/queue/keys.js';
import { CHANNEL_BENCH_RESNET } from '../../src/tabular/index.js';
import { startCli, stopWorker } from '../helpers/processes.js';
import { frontOf, localFront, runArgs, type TableRun } from '../helpers/queue-runs.js';
import { redisMissing, startRedis } from '../helpers/redis.js';
import { writeGeneratedTable } from '../helpers/tables.js';
import { tempDir } from '../helpers/tmp.js';

const missing = redisMissing();
if (missing) console.log(`# skipping the queue's fault tests: ${missing}`);

// Each lookup takes 150 ms on the workers (a test-only slow-down of the table handler), so a
// worker or the run can be killed while jobs are running.
const SLOW = { EVO_NAS_TEST_TABLE_DELAY_MS: '150' };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

t.test('faults: a killed worker, a restarted Redis, a killed and resumed run — each run ends at its local front', { skip: missing }, async (t) => {
  const redis = await startRedis(t);
  const dir = tempDir(t);
  const table = writeGeneratedTable(t, CHANNEL_BENCH_RESNET, 9);
  const worker = () => startCli(t, ['worker', '--queue', redis.url, '--workers', '1', '--lock-seconds', '2'], SLOW);
  const status = async () => {
    const shown = startCli(t, ['queue', 'status', redis.url, '--json']);
    await shown.exit;
    return JSON.parse(shown.output()) as { runs: { queue: string; stalled: number; completed: number }[] };
  };

  const killed = worker();
  const workers = [worker()];

  await t.test('a worker killed mid-job: its job stalls and another worker takes it up', async (t) => {
    const run: TableRun = { table, generations: 2, population: 8, seed: 1 };
    const runDir = join(dir, 'worker-killed');
    const queued = startCli(t, [...runArgs(run, runDir), '--queue', redis.url]);
    t.ok(await killed.waitFor(/^done /), 'the doomed worker finished a job (and took its next one at once)');
    killed.child.kill('SIGKILL');
    workers.push(worker());
    t.same(await queued.exit, [0, null], 'the run finishes');
    t.same(await frontOf(runDir), await localFront(run, dir), 'with the front of the same search evaluated locally');
    const stalled = (await status()).runs.find((r) => r.queue === runQueueName(runDir))?.stalled ?? 0;
    t.ok(stalled >= 1, `${stalled} stalled job(s) were taken back from the killed worker`);
  });

  await t.test('Redis restarted mid-run (append-only file kept): the run and the workers carry on', async (t) => {
    const run: TableRun = { table, generations: 3, population: 8, seed: 2 };
    const runDir = join(dir, 'redis-restarted');
    const queued = startCli(t, [...runArgs(run, runDir), '--queue', redis.url]);
    t.ok(await queued.waitFor(/^gen 1\//), 'the first generation finished');
    await redis.stop();
    await sleep(1000);
    await redis.start();
    t.same(await queued.exit, [0, null], 'the run finishes');
    t.same(await frontOf(runDir), await localFront(run, dir), 'with the local front');
    for (const w of workers) t.match(w.output(), /reconnected/, 'a worker reconnected');
  });

  await t.test('the run killed mid-generation and resumed: no finished job is run again', async (t) => {
    const run: TableRun = { table, generations: 3, population: 8, seed: 3 };
    const runDir = join(dir, 'run-killed');
    const args = [...runArgs(run, runDir), '--queue', redis.url];
    const first = startCli(t, args);
    t.ok(await first.waitFor(/^gen 1\//), 'the first generation finished');
    await sleep(300); // the second generation's jobs are running
    first.child.kill('SIGKILL');
    await first.exit;
    const resumed = startCli(t, args);
    t.same(await resumed.exit, [0, null], 'the resumed run finishes');
    t.same(await frontOf(runDir), await localFront(run, dir), 'with the local front');
    const queue = runQueueName(runDir);
    const done = workers.flatMap((w) => [...w.output().matchAll(new RegExp(`^done ${queue}/(\\S+)`, 'gm'))].map((m) => m[1]));
    t.ok(done.length > 0, `${done.length} jobs done`);
    t.equal(new Set(done).size, done.length, 'each job was run once');
  });

  for (const w of workers) t.same(await stopWorker(w), [0, null], 'a worker stops cleanly');
});
