import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t, { type Test } from 'tap';
import { EvaluatorPool } from '../../evaluators/pool.js';
import type { EvaluationTask } from '../../evaluators/task.js';
import { BAD, FLAKY } from './fixtures/common.js';

const fixture = (name: string) => new URL(`./fixtures/${name}.js`, import.meta.url).href;
const task = (first: number, i = 0): EvaluationTask => ({ genome: [first, i], supernetVersion: 0, evalSpec: { kind: 'fixture' }, seed: i });
const good = (n: number) => Array.from({ length: n }, (_, i) => task(1, i));

/** A pool over a fixture handler, with a fresh marker directory, closed after the test. */
function pool(t: Test, name: string, options: { workers?: number; timeoutMs?: number; attempts?: number } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'evo-nas-pool-'));
  // execArgv []: keep tap's loaders out of the workers, which would start ten times slower.
  const created = new EvaluatorPool({ handler: { module: fixture(name), options: { dir } }, workers: 2, execArgv: [], ...options });
  t.teardown(async () => {
    await created.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { pool: created, dir };
}

t.test('each worker sets its context up once, and every task gets its own result, in order', async (t) => {
  const { pool: p, dir } = pool(t, 'counting');
  const reported: number[] = [];
  const outcomes = await p.evaluate(good(24), (index) => reported.push(index));
  t.equal(outcomes.length, 24);
  t.ok(outcomes.every((o, i) => o.ok && o.result.params === (1 + i) * 1000 && o.attempts === 1), 'results in task order');
  t.same([...reported].sort((a, b) => a - b), [...Array(24).keys()], 'each outcome reported once');
  const setups = readdirSync(dir).filter((f) => f.startsWith('setup-')).length;
  t.ok(setups >= 1 && setups <= 2, `${setups} setups for 2 workers and 24 tasks`);
});

t.test('a task that throws is retried, then recorded as failed with the reason; the others go on', async (t) => {
  const { pool: p } = pool(t, 'throwing');
  const outcomes = await p.evaluate([task(FLAKY), task(BAD), ...good(4)]);
  t.match(outcomes[0], { ok: true, attempts: 2 }, 'a flaky task succeeds on its retry');
  t.match(outcomes[1], { ok: false, attempts: 3, reason: `boom on ${BAD}-0 (after 3 attempts)` });
  t.ok(outcomes.slice(2).every((o) => o.ok), 'the other tasks succeed');
});

t.test('a task that hangs past the timeout has its worker replaced and is retried, then recorded as failed', async (t) => {
  // Two pools side by side keep the test short. The timeout counts from the worker's start of the
  // attempt, so a slow thread start on a loaded machine does not count against it.
  const { pool: retrying } = pool(t, 'hanging', { timeoutMs: 500, attempts: 2 });
  const { pool: once } = pool(t, 'hanging', { timeoutMs: 500, attempts: 1 });
  const [flaky, bad] = await Promise.all([retrying.evaluate([task(FLAKY), ...good(2)]), once.evaluate([task(BAD), ...good(2)])]);
  t.match(flaky[0], { ok: true, attempts: 2 }, 'a task that hung once succeeds on a replacement worker');
  t.match(bad[0], { ok: false, attempts: 1, reason: 'timed out after 500 ms; the worker was replaced' });
  t.ok([...flaky.slice(1), ...bad.slice(1)].every((o) => o.ok), 'the other tasks succeed');
  t.ok((await once.evaluate(good(4))).every((o) => o.ok), 'the pool still has working workers');
});

t.test("the timeout does not count a worker's one-time setup", async (t) => {
  // Setup takes 1.5 s, each evaluation a moment: with a 500 ms timeout every task must succeed.
  const { pool: p } = pool(t, 'slow-setup', { timeoutMs: 500, attempts: 1 });
  const outcomes = await p.evaluate(good(4));
  t.same(outcomes.map((o) => o.ok), [true, true, true, true], outcomes.map((o) => (o.ok ? 'ok' : o.reason)).join('; '));
});

t.test('a task whose worker dies (process.exit) is retried on a replacement worker', async (t) => {
  const { pool: p } = pool(t, 'exiting');
  const outcomes = await p.evaluate([task(FLAKY), ...good(3), task(BAD)]);
  t.match(outcomes[0], { ok: true, attempts: 2 });
  t.match(outcomes[4], { ok: false, attempts: 3, reason: /worker exited with code: 3 \(after 3 attempts\)/ });
  t.ok(outcomes.slice(1, 4).every((o) => o.ok));
  t.ok((await p.evaluate(good(4))).every((o) => o.ok), 'replacements take new tasks');
});

t.test('pool options are checked', async (t) => {
  t.throws(() => new EvaluatorPool({ handler: { module: fixture('counting'), options: {} }, workers: 0 }), { message: /workers must be a whole number ≥ 1 \(got 0\)/ });
});
