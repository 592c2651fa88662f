import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { LOCK_FILE, readRunLock, Store } from '../../src/store/index.js';
import { tempDir } from '../helpers/tmp.js';

const storeModule = new URL('../../src/store/index.js', import.meta.url).href;

/** A child process that opens the run directory as a writer, saves a run record and waits. */
async function holder(runDir: string) {
  const code = `
    const { Store } = await import(${JSON.stringify(storeModule)});
    const store = Store.open(process.argv[1]);
    store.putRun({ config: {}, seed: 9, status: 'running', createdAt: '', updatedAt: '', evoNasVersion: '' });
    console.log('ready');
    setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', code, runDir], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, NODE_OPTIONS: '' } });
  await once(child.stdout, 'data');
  return child;
}

t.test('a second writer in the same process is refused, and the lock goes with close', async (t) => {
  const dir = tempDir(t);
  const store = Store.open(dir);
  t.throws(() => Store.open(dir), { name: 'RunDirectoryError', message: new RegExp(`^run directory ${dir} is in use by this process`) });
  await store.close();
  t.notOk(existsSync(join(dir, LOCK_FILE)), 'closing removes the lock');
  await Store.open(dir).close();
});

t.test('a run directory held by a live process is refused with its pid; readers still get in; a killed holder leaves a stale lock that is taken over', async (t) => {
  const dir = tempDir(t);
  const child = await holder(dir);
  t.teardown(() => child.kill('SIGKILL'));
  t.throws(() => Store.open(dir), {
    name: 'RunDirectoryError',
    message: `run directory ${dir} is in use by process ${child.pid} on ${hostname()}`,
  });
  t.match(readRunLock(dir), { pid: child.pid, alive: true });
  const reader = Store.open(dir, { readOnly: true });
  t.equal(reader.getRun()?.seed, 9, 'a reader sees the holder\'s committed writes without the lock');
  await reader.close();

  child.kill('SIGKILL');
  await once(child, 'exit');
  t.match(readRunLock(dir), { pid: child.pid, alive: false }, 'the lock is stale once its process is gone');
  const store = Store.open(dir);
  t.equal(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')).pid, process.pid, 'taken over');
  t.equal(store.getRun()?.seed, 9, 'what the killed process committed survives');
  await store.close();
});

t.test('a lock naming a pid that no longer runs is taken over', async (t) => {
  const dir = tempDir(t);
  const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: Number(gone.stdout), hostname: hostname(), startedAt: 'earlier' }));
  const store = Store.open(dir);
  t.equal(readRunLock(dir)?.pid, process.pid);
  await store.close();
});
