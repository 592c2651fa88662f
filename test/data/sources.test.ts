import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import t from 'tap';
import { getDatasetSpec, loadDataset, locateDataset } from '../../src/data/load.js';
import { downloadRoot, sourceRoots } from '../../src/data/sources.js';
import { tempDir, writeCifar10, writeIdxDataset } from '../helpers/datasets.js';

t.test('sources are searched in order: --data-dir, EVO_NAS_DATA, ~/.cache/evo-nas, the system folder', async (t) => {
  const base = await tempDir(t);
  const [flag, env, home, system] = ['flag', 'env', 'home', 'system'].map((name) => join(base, name)) as [string, string, string, string];
  const sources = { dataDir: flag, env: { EVO_NAS_DATA: env }, home, system };
  t.same(sourceRoots(sources).map((s) => s.kind), ['--data-dir', 'EVO_NAS_DATA', 'cache', 'system']);
  t.equal(downloadRoot(sources).root, flag);
  t.equal(downloadRoot({ env: {}, home }).root, join(home, '.cache', 'evo-nas'));

  const spec = getDatasetSpec('mnist');
  t.same(await locateDataset(spec, sources), { searched: [join(flag, 'mnist'), join(env, 'mnist'), join(home, '.cache', 'evo-nas', 'mnist'), join(system, 'mnist')] });
  for (const [root, kind] of [[system, 'system'], [join(home, '.cache', 'evo-nas'), 'cache'], [env, 'EVO_NAS_DATA'], [flag, '--data-dir']] as const) {
    await writeIdxDataset(join(root, 'mnist'), { train: 2, test: 1, gzip: true });
    t.match((await locateDataset(spec, sources)).found, { dir: join(root, 'mnist'), source: kind }, `${kind} wins over the later sources`);
  }
});

t.test('an archive folder inside the dataset folder is found too', async (t) => {
  const root = await tempDir(t);
  await writeCifar10(join(root, 'cifar10', 'cifar-10-batches-bin'), 1, 1);
  const found = await locateDataset(getDatasetSpec('cifar10'), { dataDir: root, env: {}, home: root, system: root });
  t.same(found.found, { dir: join(root, 'cifar10', 'cifar-10-batches-bin'), source: '--data-dir' });
});

t.test('a dataset that is missing, unknown, or smaller than the catalogue says is an error', async (t) => {
  const root = await tempDir(t);
  const sources = { dataDir: root, env: {}, home: root, system: join(root, 'system') };
  await t.rejects(loadDataset('cifar10', { sources }), {
    name: 'DataError',
    message: new RegExp(`^dataset cifar10 not found; looked in ${join(root, 'cifar10')}, .*Run "evo-nas data fetch cifar10"`),
  });
  t.throws(() => getDatasetSpec('imagenet'), { name: 'InputError', message: /^unknown dataset "imagenet"; known datasets: fashion-mnist-mini, synthetic, / });
  // Whole records, so each file reads; but 5 x 3 is not CIFAR-10's 50,000.
  await writeCifar10(join(root, 'cifar10'), 3, 2);
  await t.rejects(loadDataset('cifar10', { sources }), {
    message: `cifar10 in ${join(root, 'cifar10')}: 15 training images, expected 50000; 2 test images, expected 10000 — files are missing, truncated or from another dataset`,
  });
  await mkdir(join(root, 'mnist'));
  await writeFile(join(root, 'mnist', 't10k-labels-idx1-ubyte'), '');
  await t.rejects(loadDataset('mnist', { sources }), { message: /^missing training images \(idx3\): none of / });
});
