import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import t from 'tap';
import { dataFetch, dataInspect, dataList } from '../../src/cli/commands/data.js';
import { progressReporter } from '../../src/cli/progress.js';
import { runCli } from '../../src/cli/program.js';
import { closedPortUrl, serveFiles } from '../helpers/file-server.js';
import { tempDir, writeCifar10 } from '../helpers/datasets.js';

async function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

t.test('data list: the bundled default is always present; others where they were found', async (t) => {
  const { code, out } = await cli('data', 'list', '--json');
  t.equal(code, 0);
  t.match(JSON.parse(out)[0], { name: 'fashion-mnist-mini', present: true, source: 'bundled', default: true });

  const root = await tempDir(t);
  const sources = { env: {}, home: join(root, 'home'), system: join(root, 'system') };
  await writeCifar10(join(root, 'cifar10', 'cifar-10-batches-bin'), 1, 1);
  const rows = JSON.parse(await dataList({ dataDir: root, json: true }, { sources })) as { name: string; present: boolean; source: string | null }[];
  const byName = new Map(rows.map((r) => [r.name, r]));
  t.match(byName.get('cifar10'), { present: true, source: '--data-dir', dir: join(root, 'cifar10', 'cifar-10-batches-bin') });
  t.match(byName.get('cifar100'), { present: false, source: null, searched: [join(root, 'cifar100'), join(root, 'home', '.cache', 'evo-nas', 'cifar100'), join(root, 'system', 'cifar100')] });
  t.match(byName.get('synthetic'), { present: true, source: 'generated' });
  const text = await dataList({ dataDir: root }, { sources });
  t.match(text, /fashion-mnist-mini \(default\)\s+present/);
  t.match(text, /cifar100\s+missing\s+run: evo-nas data fetch cifar100/);
});

t.test('data inspect: files, counts per split, shape, class histogram, mean and std', async (t) => {
  const summary = JSON.parse(await dataInspect('fashion-mnist-mini', { json: true }));
  t.match(summary, {
    name: 'fashion-mnist-mini',
    source: 'bundled',
    shape: { height: 28, width: 28, channels: 1 },
    classes: 10,
    counts: { train: 9000, validation: 1000, test: 2000 },
    validation: { fraction: 0.1, seed: 0, stratified: true },
  });
  t.same(summary.histogram.validation, new Array(10).fill(100));
  t.same(summary.histogram.test, new Array(10).fill(200));
  t.equal(summary.files.length, 4);
  t.ok(summary.files.every((f: { bytes: number }) => f.bytes > 0));
  t.equal(summary.mean.length, 1);

  const { code, out } = await cli('data', 'inspect', 'synthetic', '--validation-fraction', '0.2', '--seed', '3');
  t.equal(code, 0);
  t.match(out, /images\s+32x32x3, 10 classes/);
  t.match(out, /train 4,000 \+ validation 1,000 \(seeded stratified 20% of 5,000, seed 3\); test 1,000/);
  t.match(out, /mean\s+0\.\d{4}, 0\.\d{4}, 0\.\d{4}/);
  t.match(out, /0 class-0\s+400\s+100\s+100/);
});

t.test('bad input and bad files: one error line and exit code 2', async (t) => {
  const root = await tempDir(t);
  await writeCifar10(join(root, 'cifar10'), 2, 2);
  const batch = join(root, 'cifar10', 'data_batch_2.bin');
  await writeFile(batch, (await readFile(batch)).subarray(0, 5000));
  const cases: [string[], RegExp][] = [
    [['data', 'inspect', 'cifar10', '--data-dir', root], new RegExp(`^evo-nas: error: ${batch} has 5000 bytes, not a whole number of 3073-byte records`)],
    [['data', 'inspect', 'imagenet'], /^evo-nas: error: unknown dataset "imagenet"; known datasets: fashion-mnist-mini, /],
    [['data', 'inspect', 'synthetic', '--validation-fraction', '1'], /--validation-fraction <f>.*must be a number from 0 up to \(not including\) 1/],
    [['data', 'fetch', 'synthetic'], /^evo-nas: error: synthetic is generated in memory; there is nothing to fetch/],
    [['data', 'fetch', 'fashion-mnist-mini'], /^evo-nas: error: fashion-mnist-mini is bundled with evo-nas; there is nothing to fetch/],
  ];
  for (const [argv, message] of cases) {
    const { code, out, err } = await cli(...argv);
    t.equal(code, 2, argv.join(' '));
    t.equal(out, '');
    t.match(err, message);
    t.equal(err.trim().split('\n').length, 1, 'on one line');
  }
});

t.test('data fetch offline exits 1 and says what to download and where', async (t) => {
  const root = await tempDir(t);
  const { code, out, err } = await cli('data', 'fetch', 'cifar10', '--data-dir', root, '--mirror', await closedPortUrl());
  t.equal(code, 1);
  t.equal(out, '');
  t.match(err, /^evo-nas: failed: could not download cifar-10-binary\.tar\.gz \(http:\/\/127\.0\.0\.1:\d+\/cifar-10-binary\.tar\.gz: ECONNREFUSED\)\./);
  t.match(err, 'https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz  (170,052,171 bytes, MD5 c32a1d4ab5d03f1284b67883e8d87530)');
  t.match(err, `copy it into ${join(root, '.downloads')}/`);
  t.notMatch(err, /\n\s+at /, 'no stack trace');
});

t.test('data fetch shows progress and refuses a file that is not the published one', async (t) => {
  const fake = Buffer.alloc(50_000, 7);
  const server = await serveFiles(t, new Map([['cifar-10-binary.tar.gz', fake]]));
  const root = await tempDir(t);
  const lines: string[] = [];
  await t.rejects(dataFetch('cifar10', { dataDir: root, mirror: server.url }, { progress: { write: (s: string) => lines.push(s) } }), {
    name: 'ExternalError',
    message: /does not match its published MD5 \(got [0-9a-f]{32}, expected c32a1d4ab5d03f1284b67883e8d87530\)/,
  });
  t.equal(lines[0], 'cifar-10-binary.tar.gz: 0% (0.0 MB of 0.1 MB)\n');
  t.equal(lines.at(-1), 'cifar-10-binary.tar.gz: 100% (0.1 MB of 0.1 MB)\n');
});

t.test('plain progress lines come every 10% when the output is not a terminal', async (t) => {
  const lines: string[] = [];
  const reporter = progressReporter({ write: (s: string) => lines.push(s) }, 'images');
  for (let done = 0; done <= 1000; done += 50) reporter.update('train', done, 1000);
  reporter.update('val', 5, 10);
  t.same(lines.map((l) => l.split(':')[1]?.trim().split(' ')[0]), ['0%', '10%', '20%', '30%', '40%', '50%', '60%', '70%', '80%', '90%', '100%', '50%']);
  t.equal(lines[1], 'train: 10% (100 of 1,000)\n');
});

t.test('--help works on every data command', async (t) => {
  for (const argv of [['data', '--help'], ['data', 'list', '--help'], ['data', 'fetch', '--help'], ['data', 'inspect', '--help']]) {
    const { code, out } = await cli(...argv);
    t.equal(code, 0, argv.join(' '));
    t.match(out, /Usage: evo-nas data/);
  }
});
