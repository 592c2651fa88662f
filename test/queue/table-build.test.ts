/**
 * `evo-nas table build --queue`: the trainings go to an `evo-nas worker` process through Redis and
 * the build writes the table the same build writes on the local pool, byte for byte.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { startCli, stopWorker } from '../helpers/processes.js';
import { REDIS_PASSWORD, redisMissing, startRedis } from '../helpers/redis.js';
import { tinyBuild } from '../helpers/table-builds.js';
import { tempDir } from '../helpers/tmp.js';

const missing = redisMissing();
if (missing) console.log(`# skipping the queue's table build: ${missing}`);

t.test('a table build trained by one worker process through the queue writes the local build\'s table', { skip: missing }, async (t) => {
  const redis = await startRedis(t);
  const dir = tempDir(t);
  const local = startCli(t, tinyBuild(join(dir, 'local'), join(dir, 'local.json'), 1));
  t.same(await local.exit, [0, null], 'the local build finishes');

  const worker = startCli(t, ['worker', '--queue', redis.url, '--workers', '1', '--cache-dir', join(dir, 'cache')]);
  // --workers 0: this host trains nothing, so every training crosses the queue.
  const queued = startCli(t, [...tinyBuild(join(dir, 'queued'), join(dir, 'queued.json'), 0), '--queue', redis.url]);
  const exit = await queued.exit;
  t.same(exit, [0, null], exit[0] === 0 ? 'the queued build finishes' : queued.output());
  t.match(queued.output(), /4 to go \(on the queue's workers;/);
  t.equal(readFileSync(join(dir, 'queued.json'), 'utf8'), readFileSync(join(dir, 'local.json'), 'utf8'), 'the same table, byte for byte');
  t.equal((worker.output().match(/^done /gm) ?? []).length, 4, 'the worker trained all 4');

  // Run again: every training is stored, so nothing goes to the queue.
  const again = startCli(t, [...tinyBuild(join(dir, 'queued'), join(dir, 'queued.json'), 0), '--queue', redis.url]);
  t.same(await again.exit, [0, null]);
  t.match(again.output(), /4 of 4 trainings stored/);
  t.same(await stopWorker(worker), [0, null]);
  t.notOk([local, worker, queued, again].map((p) => p.output()).join('\n').includes(REDIS_PASSWORD), 'no output holds the password');
});
