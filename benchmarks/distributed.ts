/**
 * Throughput of the Redis queue on this host, printed as JSON: evaluations per second through the
 * queue with 1 and 2 `evo-nas worker` processes (1 thread each), the same tasks on a local pool of
 * 1 thread, and the queue's overhead per task (queue time per task minus pool time per task).
 * Table lookups take microseconds, so each task is given `--work-ms` of simulated work (the table
 * handler's test-only delay) to stand for an evaluation; starts its own redis-server.
 *
 *   npm run bench:distributed                  # --tasks 200 --work-ms 20 by default
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { handlerSpec } from '../evaluators/handler.js';
import { EvaluatorPool } from '../evaluators/pool.js';
import { parseQueueUrl } from '../evaluators/queue/connection.js';
import { QueueEvaluator } from '../evaluators/queue/queue-evaluator.js';
import type { EvaluationTask } from '../evaluators/task.js';
import { Rng } from '../src/random/rng.js';
import { allCodes, CHANNEL_BENCH_RESNET, codeToGenome, generateTable, loadTable } from '../src/tabular/index.js';

const args = process.argv.slice(2);
const flag = (name: string, fallback: number) => Number(args[args.indexOf(name) + 1] ?? fallback) || fallback;
const taskCount = flag('--tasks', 200);
const workMs = flag('--work-ms', 20);
const bin = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));

if (spawnSync('redis-server', ['--version']).status !== 0) {
  console.log(JSON.stringify({ error: 'redis-server is not installed (apt-get install redis-server)' }));
  process.exit(0);
}

const dir = mkdtempSync(join(tmpdir(), 'evo-nas-bench-queue-'));
const children: ChildProcess[] = [];
try {
  const port = await freePort();
  const redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--save', '', '--maxmemory-policy', 'noeviction'], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(redis);
  await waitForLine(redis, /Ready to accept connections/);
  const url = `redis://127.0.0.1:${port}`;

  const space = CHANNEL_BENCH_RESNET;
  const file = join(dir, 'Results_ResNet.json');
  writeFileSync(file, JSON.stringify(generateTable(space, Rng.fromSeed(1).fork('table'))));
  const table = await loadTable(file, space);
  const handler = handlerSpec('table', { file, space: space.name });
  const evalSpec = { kind: 'table', space: space.name, sha256: table.sha256 };
  const codes = Rng.fromSeed(2).fork('codes').shuffle([...allCodes(space)]);
  const tasks = (offset: number, n: number): EvaluationTask[] =>
    codes.slice(offset, offset + n).map((code, i) => ({ genome: codeToGenome(code, space) ?? [], supernetVersion: 0, evalSpec, seed: i }));

  process.env.EVO_NAS_TEST_TABLE_DELAY_MS = String(workMs);
  const pool = new EvaluatorPool({ handler, workers: 1, attempts: 1 });
  await pool.evaluate(tasks(0, 1));
  const poolSeconds = await timed(() => pool.evaluate(tasks(1, taskCount)));
  await pool.close();

  const rates: Record<string, number> = {};
  for (const processes of [1, 2]) {
    const workers = Array.from({ length: processes }, () =>
      spawn(process.execPath, [bin, 'worker', '--queue', url, '--workers', '1'], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, NODE_OPTIONS: '' } }),
    );
    children.push(...workers);
    await Promise.all(workers.map((w) => waitForLine(w, /waiting for runs/)));
    const evaluator = new QueueEvaluator({ connection: parseQueueUrl(url), queueName: `bench-${processes}`, handler, attempts: 1, timeoutMs: 60_000, info: { runDir: 'bench' } });
    const offset = processes * (taskCount + 10);
    await evaluator.evaluate(tasks(offset, processes)); // the workers find the queue
    const seconds = await timed(() => evaluator.evaluate(tasks(offset + processes, taskCount)));
    rates[processes] = taskCount / seconds;
    await evaluator.close();
    for (const w of workers) {
      w.kill('SIGTERM');
      await once(w, 'exit');
    }
  }
  const round = (x: number, digits = 2) => Number(x.toFixed(digits));
  console.log(
    JSON.stringify({
      tasks: taskCount,
      workMsPerTask: workMs,
      localPool1Thread: { evaluationsPerSecond: round(taskCount / poolSeconds) },
      queue1Process: { evaluationsPerSecond: round(rates[1] as number) },
      queue2Processes: { evaluationsPerSecond: round(rates[2] as number) },
      speedup2Over1: round((rates[2] as number) / (rates[1] as number)),
      queueOverheadMsPerTask: round(1000 / (rates[1] as number) - (1000 * poolSeconds) / taskCount),
    }),
  );
} finally {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  await Promise.all(children.map((c) => (c.exitCode === null ? once(c, 'exit') : undefined)));
  rmSync(dir, { recursive: true, force: true });
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return (performance.now() - start) / 1000;
}

function waitForLine(child: ChildProcess, pattern: RegExp): Promise<void> {
  return new Promise((resolve, reject) => {
    let text = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      text += chunk;
      if (pattern.test(text)) resolve();
    });
    child.once('exit', (code) => reject(new Error(`${child.spawnfile} exited with ${code} before printing ${pattern}`)));
  });
}

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (address === null || typeof address === 'string') throw new Error('no free port');
  return address.port;
}
