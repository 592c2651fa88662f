import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

/** A writer in a child process that commits a run record on each line it reads, printing the outcome. */
async function committer(runDir: string) {
  const code = `
    const { Store } = await import(${JSON.stringify(storeModule)});
    const store = Store.open(process.argv[1]);
    console.log('ready');
    process.stdin.setEncoding('utf8').on('data', () => {
      try {
        store.putRun({ config: {}, seed: 5, status: 'running', createdAt: '', updatedAt: '', evoNasVersion: '' });
        console.log('committed');
      } catch (error) {
        console.log(error.message);
      }
    });`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', code, runDir], { stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, NODE_OPTIONS: '' } });
  child.stdout.setEncoding('utf8');
  await once(child.stdout, 'data');
  const commit = async () => {
    child.stdin.write('commit\n');
    const [line] = (await once(child.stdout, 'data')) as [string];
    return line.trim();
  };
  return { child, commit };
}

t.test('deleting run.lock of a live writer never lets two writers interleave: the lock is re-taken, or the first stops', async (t) => {
  const dir = tempDir(t);
  const { child, commit } = await committer(dir);
  t.teardown(() => child.kill('SIGKILL'));
  t.equal(await commit(), 'committed');
  rmSync(join(dir, LOCK_FILE));
  t.equal(await commit(), 'committed', 'a deleted lock is re-taken at the next commit');
  t.equal(readRunLock(dir)?.pid, child.pid, 'by its owner');

  rmSync(join(dir, LOCK_FILE));
  const second = Store.open(dir);
  t.match(await commit(), new RegExp(`^run directory ${dir} was taken by process ${process.pid} .*stopping so that the two do not interleave`), 'the first writer stops before its next commit');
  second.putRun({ config: {}, seed: 6, status: 'running', createdAt: '', updatedAt: '', evoNasVersion: '' });
  t.equal(second.getRun()?.seed, 6);
  await second.close();
});

t.test('a lock naming a live pid with another start time (a reused pid) is stale; a run.lock directory is refused in one line', { skip: existsSync('/proc/self/stat') ? false : 'no /proc here' }, async (t) => {
  const dir = tempDir(t);
  const sleeper = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  t.teardown(() => sleeper.kill('SIGKILL'));
  writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: sleeper.pid, hostname: hostname(), startedAt: 'earlier', processStart: 'another-boot:1' }));
  t.match(readRunLock(dir), { pid: sleeper.pid, alive: false }, 'the pid runs, but it is not the process that took the lock');
  await Store.open(dir).close();

  const other = tempDir(t);
  mkdirSync(join(other, LOCK_FILE));
  t.throws(() => Store.open(other), { name: 'RunDirectoryError', message: `${join(other, LOCK_FILE)} is a directory, not evo-nas's lock file; move it out of ${other}` });
});

t.test('the busy message does not invite deleting the lock', async (t) => {
  const dir = tempDir(t);
  const store = Store.open(dir);
  t.teardown(() => store.close());
  t.throws(() => Store.open(dir), { message: /the lock goes by itself when that process ends/ });
  let message = '';
  try {
    Store.open(dir);
  } catch (error) {
    message = (error as Error).message;
  }
  t.notMatch(message, /delete/);
});
