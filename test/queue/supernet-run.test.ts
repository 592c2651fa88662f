import { join } from 'node:path';
import t from 'tap';
import { startCli, stopWorker } from '../helpers/processes.js';
import { redisMissing, startRedis } from '../helpers/redis.js';
import { tempDir } from '../helpers/tmp.js';

const missing = redisMissing();
if (missing) console.log(`# skipping the queue's supernet run: ${missing}`);

// A tiny budget on the bundled dataset: 256 training images, 1 epoch, 2 generations of 4.
const RUN = ['--supernet-epochs', '1', '--train-images', '256', '--batch-size', '32', '--validation-images', '64', '--recalibration-batches', '1',
  '--generations', '2', '--population', '4', '--seed', '7', '--sandwich', '1'];

async function frontOf(t: Parameters<typeof startCli>[0], runDir: string) {
  const shown = startCli(t, ['show', runDir, '--json']);
  await shown.exit;
  const front = (JSON.parse(shown.output()) as { front: { genome: number[]; metrics: Record<string, unknown> }[] }).front;
  // Milliseconds are a measurement, not part of a result.
  return front.map((m) => ({ genome: m.genome, metrics: { ...m.metrics, ms: 0 } }));
}

t.test('a small supernet run on 2 worker processes without the run\'s disk reaches the local front', { skip: missing }, async (t) => {
  const redis = await startRedis(t);
  const dir = tempDir(t);
  const local = startCli(t, ['run', ...RUN, '--workers', '1', '--run-dir', join(dir, 'local')]);
  t.same(await local.exit, [0, null], 'the local run finishes');

  // Each worker has its own weight cache: what it evaluates with came from Redis, checked by hash.
  const workers = [1, 2].map((i) => startCli(t, ['worker', '--queue', redis.url, '--workers', '1', '--cache-dir', join(dir, `cache-${i}`)]));
  const queued = startCli(t, ['run', ...RUN, '--queue', redis.url, '--run-dir', join(dir, 'queued')]);
  t.same(await queued.exit, [0, null], 'the queued run finishes');
  t.match(queued.output(), /published supernet v\d+ to the queue \(\d+ new weight blobs\)/);
  t.same(await frontOf(t, join(dir, 'queued')), await frontOf(t, join(dir, 'local')), 'the same front as the local pool');
  const done = workers.map((w) => (w.output().match(/^done /gm) ?? []).length);
  t.ok(done.reduce((a, b) => a + b, 0) >= 4, `the workers did the evaluations (${done.join(' + ')})`);
  for (const w of workers) t.same(await stopWorker(w), [0, null]);
});
