/**
 * `evo-nas predict --queue`: a remote worker, without the run's disk, scores architectures with the
 * supernet weights the command publishes to Redis, and the scores equal those of the local pool.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { startCli, stopWorker } from '../helpers/processes.js';
import { REDIS_PASSWORD, redisMissing, startRedis } from '../helpers/redis.js';
import { tempDir } from '../helpers/tmp.js';

const missing = redisMissing();
if (missing) console.log(`# skipping the queue's predict: ${missing}`);

/** The smallest, a middle and the largest architecture of the default space (a submission: scores unknown). */
const ARCHS = {
  arch1: { arch: Array(19).fill(4).join('-'), acc: 0 },
  arch2: { arch: '8-8-8-8-8-8-8-16-16-16-16-16-16-32-32-32-32-32-32', acc: 0 },
  arch3: { arch: '16-16-16-16-16-16-16-32-32-32-32-32-32-64-64-64-64-64-64', acc: 0 },
};

const SCORING = ['--validation-images', '32', '--recalibration-batches', '1', '--batch-size', '32'];

t.test('predict on one worker process through the queue gives the local scores', { skip: missing }, async (t) => {
  const redis = await startRedis(t);
  const dir = tempDir(t);
  const runDir = join(dir, 'run');
  const archs = join(dir, 'archs.json');
  writeFileSync(archs, JSON.stringify(ARCHS));
  const trained = startCli(t, ['supernet', 'train', '--dataset', 'synthetic', '--train-images', '64', '--epochs', '1', '--batch-size', '32', '--workers', '0', '--run-dir', runDir]);
  const trainedExit = await trained.exit;
  t.same(trainedExit, [0, null], trainedExit[0] === 0 ? 'a tiny supernet is trained' : trained.output());

  const local = startCli(t, ['predict', runDir, '--archs', archs, ...SCORING, '--workers', '1', '--out', join(dir, 'local.json')]);
  const localExit = await local.exit;
  t.same(localExit, [0, null], localExit[0] === 0 ? 'the local predict finishes' : local.output());

  // Its own weight cache: the worker has only what it fetched from Redis, checked by hash.
  const worker = startCli(t, ['worker', '--queue', redis.url, '--workers', '1', '--cache-dir', join(dir, 'cache')]);
  const queued = startCli(t, ['predict', runDir, '--archs', archs, ...SCORING, '--queue', redis.url, '--out', join(dir, 'queued.json')]);
  const exit = await queued.exit;
  t.same(exit, [0, null], exit[0] === 0 ? 'the queued predict finishes' : queued.output());
  t.match(queued.output(), /published supernet v\d+ to the queue \(\d+ new weight blobs\)/);
  t.equal(readFileSync(join(dir, 'queued.json'), 'utf8'), readFileSync(join(dir, 'local.json'), 'utf8'), 'the same scores, byte for byte');
  t.equal((worker.output().match(/^done /gm) ?? []).length, 3, 'the worker scored all 3');
  t.same(await stopWorker(worker), [0, null]);
  t.notOk([queued, worker].map((p) => p.output()).join('\n').includes(REDIS_PASSWORD), 'no output holds the password');
});
