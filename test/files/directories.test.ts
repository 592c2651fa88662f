/**
 * Directories under /proc or /sys are refused at once: Node's recursive mkdir loops forever there
 * at full CPU, so every command that creates a directory must stop before asking it to.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { InputError } from '../../src/errors/errors.js';
import { checkStoragePath, makeDirectory, makeDirectorySync } from '../../src/files/directories.js';
import { CHANNEL_BENCH_RESNET } from '../../src/tabular/index.js';
import { writeGeneratedTable } from '../helpers/tables.js';
import { tempDir } from '../helpers/tmp.js';

const noProc = existsSync('/proc/self') ? false : 'no /proc on this system';
const bin = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));

t.test('paths on proc or sysfs are refused with the file system named; ordinary ones are made', { skip: noProc }, async (t) => {
  t.throws(() => checkStoragePath('/proc/evo/deep/er', 'run directory'), new InputError('run directory /proc/evo/deep/er is on the proc file system, which holds no files; choose a directory on a disk'));
  t.throws(() => makeDirectorySync('/proc/evo', 'run directory'), InputError);
  await t.rejects(makeDirectory('/proc/self/evo', 'export directory'), /export directory \/proc\/self\/evo is on the proc file system/);
  if (existsSync('/sys/kernel')) t.throws(() => checkStoragePath('/sys/kernel/evo', 'data directory'), /on the sysfs file system/);
  const dir = join(tempDir(t), 'a', 'b');
  await makeDirectory(dir, 'run directory');
  t.ok(existsSync(dir), 'an ordinary path is created with its parents');
});

t.test('run and train with a run directory under /proc end at once with exit 2', { skip: noProc }, async (t) => {
  const table = writeGeneratedTable(t, CHANNEL_BENCH_RESNET, 3);
  for (const args of [
    ['run', '--evaluator', `table:${table}`, '--run-dir', '/proc/evo-nas-test'],
    ['train', '--model', 'resnet20', '--dataset', 'fashion-mnist-mini', '--run-dir', '/proc/evo-nas-test/x'],
  ]) {
    // Before the guard these spun forever: the timeout turns that into a failure, not a hung suite.
    const result = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' }, timeout: 60_000 });
    t.same([result.status, result.signal], [2, null], `${args[0]}: exit 2`);
    t.match(result.stderr, /^evo-nas: error: run directory \/proc\/evo-nas-test\S* is on the proc file system/, `${args[0]}: says why`);
  }
});
