import { join } from 'node:path';
import t from 'tap';
import { handlerSpec } from '../../evaluators/handler.js';
import { parseQueueUrl } from '../../evaluators/queue/connection.js';
import { QueueEvaluator } from '../../evaluators/queue/queue-evaluator.js';
import { ExternalError } from '../../src/errors/errors.js';
import { CHANNEL_BENCH_RESNET } from '../../src/tabular/index.js';
import { startCli, stopWorker } from '../helpers/processes.js';
import { runArgs } from '../helpers/queue-runs.js';
import { REDIS_PASSWORD, redisMissing, startRedis } from '../helpers/redis.js';
import { writeGeneratedTable } from '../helpers/tables.js';
import { tempDir } from '../helpers/tmp.js';

const missing = redisMissing();
if (missing) console.log(`# skipping the queue's refusal tests: ${missing}`);

t.test('a worker whose copy of the data differs fails the tasks, naming both hashes; never a silent wrong result', { skip: missing }, async (t) => {
  const redis = await startRedis(t);
  const dir = tempDir(t);
  const table = writeGeneratedTable(t, CHANNEL_BENCH_RESNET, 9);
  const otherCopy = writeGeneratedTable(t, CHANNEL_BENCH_RESNET, 10);
  const worker = startCli(t, ['worker', '--queue', redis.url, '--workers', '1', '--table', otherCopy]);
  const queued = startCli(t, [...runArgs({ table, generations: 1, population: 4, seed: 1 }, join(dir, 'run')), '--queue', redis.url]);
  t.same(await queued.exit, [1, null], 'the run stops: nothing of its generation was measured');
  t.match(queued.output(), /every evaluation of generation 1 failed \(4 of 4\): 4× task asks for table/, 'with every evaluation recorded as failed and why');
  t.match(worker.output(), /task asks for table [0-9a-f]{64}, but this worker holds .*\([0-9a-f]{64}\)/, 'the worker says which table and both hashes');
  await stopWorker(worker);
});

t.test('Redis unreachable past the limit: evaluate stops with a message naming the redacted URL', { skip: missing }, async (t) => {
  const redis = await startRedis(t);
  await redis.stop();
  const table = writeGeneratedTable(t, CHANNEL_BENCH_RESNET, 9);
  const evaluator = new QueueEvaluator({
    connection: parseQueueUrl(redis.url),
    queueName: 'run-unreachable',
    handler: handlerSpec('table', { file: table, space: CHANNEL_BENCH_RESNET.name }),
    attempts: 1,
    timeoutMs: 1000,
    info: {},
    unreachableMs: 1000,
  });
  const task = { genome: CHANNEL_BENCH_RESNET.positions.map((p) => p.choices[0] as number), supernetVersion: 0, evalSpec: { kind: 'table', space: CHANNEL_BENCH_RESNET.name, sha256: 'x' }, seed: 1 };
  const error = (await evaluator.evaluate([task]).then(() => undefined, (e: unknown) => e)) as Error;
  t.ok(error instanceof ExternalError, 'a named error, not a hang');
  t.match(error.message, /Redis at redis:\/\/:\*\*\*@127\.0\.0\.1:\d+ has been unreachable for 1 s/);
  t.notOk(error.message.includes(REDIS_PASSWORD));
  await evaluator.close();
});
