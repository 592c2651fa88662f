/**
 * A damaged store.mdb ends every command with one line naming the file, exit 2 — never a signal.
 * Each damage is made on a real store and each command runs as a real process, since the faults
 * being guarded against (SIGSEGV, SIGBUS inside lmdb) would kill a test runner in-process.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { StoreDamagedError } from '../../src/errors/errors.js';
import { Rng } from '../../src/random/rng.js';
import { LOCK_FILE, Store, STORE_FILE, type RunRecord } from '../../src/store/index.js';
import { tempDir } from '../helpers/tmp.js';

const bin = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));
const run: RunRecord = { config: { population: 4 }, seed: 1, status: 'finished', createdAt: 'then', updatedAt: 'now', evoNasVersion: '0.1.0' };
/** A tensor whose bytes are easy to find in the file: 1024 copies of one float. */
const MARKER = 1.2345678;

async function makeStore(dir: string): Promise<void> {
  const store = Store.open(dir);
  store.putRun(run);
  store.saveSupernet({ weights: [{ name: 'w', shape: [1024], data: new Float32Array(1024).fill(MARKER) }], training: {} });
  await store.close();
}

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' }, timeout: 60_000 });
  return { status: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr };
}

const damages: Record<string, (file: string) => void> = {
  'zero bytes': (file) => writeFileSync(file, ''),
  'truncated to two pages': (file) => truncateSync(file, 8192),
  'truncated by one page': (file) => truncateSync(file, statSync(file).size - 4096),
  'a random first page': (file) => {
    const bytes = readFileSync(file);
    const rng = Rng.fromSeed(7).fork('noise');
    for (let i = 0; i < 4096; i++) bytes[i] = rng.int(256);
    writeFileSync(file, bytes);
  },
};

t.test('a damaged store.mdb gives one line naming the file and exit 2, under show, store verify and run --resume', async (t) => {
  const base = tempDir(t);
  await makeStore(join(base, 'whole'));
  for (const [name, damage] of Object.entries(damages)) {
    const dir = join(base, name.replace(/ /g, '-'));
    cpSync(join(base, 'whole'), dir, { recursive: true });
    damage(join(dir, STORE_FILE));
    for (const args of [['show', dir], ['store', 'verify', dir], ['run', '--resume', dir, '--evaluator', 'table:none.json']]) {
      const { status, signal, stderr } = cli(...args);
      t.same([status, signal], [2, null], `${name}, ${args[0]}: exit 2, no signal`);
      // A writer may start afresh on an empty file (nothing in it to lose), so --resume finds no run there.
      const named = name === 'zero bytes' && args[0] === 'run' ? 'holds no run to resume' : join(dir, STORE_FILE).replace(/[.]/g, '\\.');
      t.match(stderr, new RegExp(`^evo-nas: error: .*${named}.*\n$`), `${name}, ${args[0]}: one line naming the file`);
    }
    t.notOk(existsSync(join(dir, LOCK_FILE)), `${name}: run --resume leaves no run.lock`);
  }
});

t.test('store verify passes a whole store and lists a blob whose bytes changed; reading it fails with the file named', async (t) => {
  const dir = tempDir(t);
  await makeStore(dir);
  const whole = cli('store', 'verify', dir);
  t.equal(whole.status, 0, 'a whole store verifies');
  t.match(whole.stdout, /every weight blob matches its sha256/);

  const file = join(dir, STORE_FILE);
  const bytes = readFileSync(file);
  const marker = Buffer.from(new Float32Array(8).fill(MARKER).buffer);
  const at = bytes.indexOf(marker);
  t.ok(at > 0, 'the blob is in the file');
  bytes.writeUInt8(255 - bytes.readUInt8(at + 5), at + 5);
  writeFileSync(file, bytes);

  const broken = cli('store', 'verify', dir);
  t.equal(broken.status, 2, 'a changed blob fails verification');
  t.match(broken.stdout, /weights: blob [0-9a-f]{64} does not match its sha256/, 'the blob is listed');
  t.match(broken.stdout, /supernet: version 1: tensor "w" needs blob [0-9a-f]{64}, which is missing or damaged/, 'and the checkpoint that needs it');
  t.match(broken.stderr, /^evo-nas: error: .*2 problems.*\n$/);

  const store = Store.open(dir, { readOnly: true });
  t.teardown(() => store.close());
  t.throws(() => store.getWeights(store.getSupernet()!.weights), StoreDamagedError, 'reading the weights refuses the changed blob');
  t.throws(() => store.getWeights(store.getSupernet()!.weights), new RegExp(`${STORE_FILE}.*does not match its sha256`));
});
