/**
 * File-system faults end in one line naming the path and the cause (exit 2), never a stack: a
 * file where a directory belongs, a directory where a file belongs, a full disk, a read-only one.
 * The disk faults use small tmpfs mounts, made when the test runs as root and skipped otherwise.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { runCli } from '../../src/cli/program.js';
import { tempDir } from '../helpers/tmp.js';
import { fullTmpfs, mountTmpfs, tmpfsMissing } from '../helpers/tmpfs.js';

async function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

const oneLine = /^evo-nas: error: [^\n]+\n$/;

t.test('a file where a directory belongs, and a directory where a file belongs', async (t) => {
  const dir = tempDir(t);
  const file = join(dir, 'file');
  writeFileSync(file, 'x');
  for (const argv of [['run', '--evaluator', 'table:none.json', '--run-dir', file], ['run', '--resume', file]]) {
    const { code, err } = await cli(...argv);
    t.equal(code, 2, argv.join(' '));
    t.match(err, oneLine);
    t.match(err, `run directory ${file} is a file, not a directory`);
  }
  const zoo = await cli('zoo', 'list', '--entries', file);
  t.equal(zoo.code, 2);
  t.match(zoo.err, oneLine);
  t.match(zoo.err, file);

  const out = join(dir, 'out');
  mkdirSync(out);
  const table = await cli('table', 'generate', '--space', 'channel-bench-resnet', '--seed', '1', '--out', out);
  t.equal(table.code, 2);
  t.match(table.err, oneLine);
  t.match(table.err, /it is a directory, not a file/);
  t.same(readdirSync(dir).sort(), ['file', 'out'], 'no temporary file is left beside --out');
});

t.test('a full disk and a read-only one', { skip: tmpfsMissing }, async (t) => {
  const full = fullTmpfs(t);
  const table = await cli('table', 'generate', '--space', 'channel-bench-resnet', '--seed', '1', '--out', join(full, 'table.json'));
  t.equal(table.code, 2);
  t.match(table.err, oneLine);
  t.match(table.err, new RegExp(`${full}/table\\.json.*disk full`), 'says "disk full" and where');
  t.same(readdirSync(full), ['filler'], 'and leaves nothing behind');

  const readOnly = mountTmpfs(t, 'ro');
  const run = await cli('run', '--evaluator', 'table:none.json', '--run-dir', join(readOnly, 'run'));
  t.equal(run.code, 2);
  t.match(run.err, oneLine);
  t.match(run.err, /read-only/);
});
