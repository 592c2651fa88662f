import t from 'tap';
import { parseQueueUrl, redactQueueUrl } from '../../evaluators/queue/connection.js';
import { jobId, runQueueName } from '../../evaluators/queue/keys.js';
import { InputError } from '../../src/errors/errors.js';

t.test('a queue URL becomes connection options; its redacted form never holds the password', async (t) => {
  const plain = parseQueueUrl('redis://10.0.0.5:6380/2');
  t.match(plain.options, { host: '10.0.0.5', port: 6380, db: 2, maxRetriesPerRequest: null });
  t.notOk('password' in plain.options);
  t.equal(plain.redacted, 'redis://10.0.0.5:6380/2');

  const secret = parseQueueUrl('rediss://alice:s%40cret@cache.example:6379');
  t.match(secret.options, { host: 'cache.example', port: 6379, db: 0, username: 'alice', password: 's@cret', tls: {} });
  t.equal(secret.redacted, 'rediss://alice:***@cache.example:6379');
  t.equal(parseQueueUrl('redis://:pw@h').options.port, 6379, 'the default port');
  t.notMatch(redactQueueUrl('redis://:hunter2@h:1'), /hunter2/);
});

t.test('a URL of another scheme, a bad database or no URL at all is refused without echoing a password', async (t) => {
  t.throws(() => parseQueueUrl('http://h:1'), InputError);
  t.throws(() => parseQueueUrl('redis://h:1/x'), /database/);
  const error = t.throws(() => parseQueueUrl('redis//:hunter2@h')) as Error;
  t.ok(error instanceof InputError);
  t.notMatch(error.message, /hunter2/);
});

t.test('a run directory has its own queue on each host; an evaluation key is the job id', async (t) => {
  t.equal(runQueueName('runs/a', 'h1'), runQueueName('runs/a', 'h1'), 'the same run resumed finds its queue');
  t.not(runQueueName('runs/a', 'h1'), runQueueName('runs/b', 'h1'));
  t.not(runQueueName('runs/a', 'h1'), runQueueName('runs/a', 'h2'));
  t.notMatch(runQueueName('runs/a'), /:/, 'BullMQ queue names hold no colon');
  const task = { genome: [16, 32], supernetVersion: 3, evalSpec: { kind: 'table', space: 's', sha256: 'x' }, seed: 1 };
  t.equal(jobId(task), jobId({ ...task }));
  t.not(jobId(task), jobId({ ...task, supernetVersion: 4 }));
  t.not(jobId(task), jobId({ ...task, genome: [32, 16] }));
  t.not(jobId(task), jobId({ ...task, evalSpec: { ...task.evalSpec, sha256: 'y' } }));
  t.notMatch(jobId(task), /:/, 'custom job ids hold no colon');
});
