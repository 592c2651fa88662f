/**
 * A real Redis for a test: Debian's `redis-server` on 127.0.0.1 and a free port, with its own
 * temporary directory (append-only file on, noeviction, a password), stopped when the test ends.
 * Without `redis-server` on the PATH the test is skipped with the reason.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import type { Test } from 'tap';
import { tempDir } from './tmp.js';

export const REDIS_PASSWORD = 'queue-test-secret-7f3a';

export interface TestRedis {
  /** redis://:PASSWORD@127.0.0.1:PORT */
  readonly url: string;
  readonly dir: string;
  /** Stops the server (SIGTERM: it flushes its append-only file first). */
  stop(): Promise<void>;
  /** Starts it again on the same port and directory. */
  start(): Promise<void>;
}

/** Why Redis tests cannot run here, or undefined when they can. */
export function redisMissing(): string | undefined {
  const found = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  return found.status === 0 ? undefined : 'redis-server is not installed (apt-get install redis-server); the queue tests need a real Redis';
}

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

export async function startRedis(t: Test): Promise<TestRedis> {
  const dir = tempDir(t, 'evo-nas-redis-');
  const port = await freePort();
  let child: ChildProcess | undefined;
  const start = async () => {
    const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--save', '', '--maxmemory-policy', 'noeviction', '--requirepass', REDIS_PASSWORD];
    const started = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child = started;
    let output = '';
    await new Promise<void>((resolve, reject) => {
      started.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
        output += chunk;
        if (output.includes('Ready to accept connections')) resolve();
      });
      started.once('exit', (code) => reject(new Error(`redis-server exited with ${code}: ${output.slice(-500)}`)));
    });
  };
  const stop = async () => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null) return;
    const exited = once(running, 'exit');
    running.kill('SIGTERM');
    await exited;
  };
  await start();
  t.teardown(stop);
  return { url: `redis://:${REDIS_PASSWORD}@127.0.0.1:${port}`, dir, stop, start };
}
