/**
 * A dataset found incomplete in a folder the user named is an error naming the missing file, not
 * a silent switch to a copy in a later source ($EVO_NAS_DATA, the cache, /usr/share/datasets).
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import t from 'tap';
import { dataList } from '../../src/cli/commands/data.js';
import { startCli } from '../helpers/processes.js';
import { tempDir, writeIdxDataset } from '../helpers/datasets.js';

t.test('data inspect --data-dir D, where D lacks a file, names that file and reads no other copy', async (t) => {
  const root = await tempDir(t);
  const named = join(root, 'named');
  const other = join(root, 'other');
  await writeIdxDataset(join(named, 'fashion-mnist'), { train: 3, test: 2 });
  await rm(join(named, 'fashion-mnist', 't10k-labels-idx1-ubyte'));
  await writeIdxDataset(join(other, 'fashion-mnist'), { train: 3, test: 2 });

  const env = { EVO_NAS_DATA: other, HOME: join(root, 'home') };
  const run = startCli(t, ['data', 'inspect', 'fashion-mnist', '--data-dir', named], env);
  const [code] = await run.exit;
  const output = run.output();
  t.equal(code, 2);
  t.equal(output.trim().split('\n').length, 1, `one line: ${output}`);
  t.match(output, new RegExp(`^evo-nas: error: fashion-mnist in ${join(named, 'fashion-mnist')} \\(from --data-dir\\) is incomplete: missing .*${join(named, 'fashion-mnist', 't10k-labels-idx1-ubyte')}`));
  t.notMatch(output, other, 'the copy in $EVO_NAS_DATA is not read');

  // A named folder without the dataset at all is no copy of it: the later sources are searched.
  const elsewhere = startCli(t, ['data', 'inspect', 'fashion-mnist', '--data-dir', join(root, 'empty')], env);
  await elsewhere.exit;
  t.match(elsewhere.output(), new RegExp(`fashion-mnist in ${join(other, 'fashion-mnist')}: 3 training images, expected 60000`));
});

t.test('data list calls such a copy incomplete, not missing', async (t) => {
  const root = await tempDir(t);
  await writeIdxDataset(join(root, 'mnist'), { train: 1, test: 1 });
  await rm(join(root, 'mnist', 't10k-labels-idx1-ubyte'));
  const sources = { env: {}, home: join(root, 'home'), system: join(root, 'system') };
  const rows = JSON.parse(await dataList({ dataDir: root, json: true }, { sources })) as { name: string; present: boolean; incomplete: string | null }[];
  t.match(rows.find((r) => r.name === 'mnist'), { present: false, incomplete: join(root, 'mnist') });
  t.match(await dataList({ dataDir: root }, { sources }), /mnist\s+incomplete\s+\S+mnist: complete it or fetch with --force/);
});
