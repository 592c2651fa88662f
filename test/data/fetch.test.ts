import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import t from 'tap';
import * as tar from 'tar';
import type { DatasetSpec } from '../../src/data/catalogue.js';
import { fetchDataset } from '../../src/data/fetch/fetch-dataset.js';
import { getDatasetSpec, loadDataset } from '../../src/data/load.js';
import { closedPortUrl, serveFiles } from '../helpers/file-server.js';
import { tempDir, writeCifar10, writeIdxDataset, writeTinyImageNet } from '../helpers/datasets.js';

const md5 = (bytes: Uint8Array) => createHash('md5').update(bytes).digest('hex');

/** The official CIFAR-10 archive layout, made small: 4 images per batch file, 3 test images. */
async function cifarArchive(t: Parameters<typeof tempDir>[0]): Promise<Buffer> {
  const dir = await tempDir(t, 'cifar-archive');
  await writeCifar10(join(dir, 'cifar-10-batches-bin'), 4, 3);
  await tar.c({ gzip: true, file: join(dir, 'archive.tar.gz'), cwd: dir }, ['cifar-10-batches-bin']);
  return readFile(join(dir, 'archive.tar.gz'));
}

/** cifar10 as the catalogue declares it, but with this archive's checksum, size and URLs. */
function cifarSpec(archive: Uint8Array, urls: string[], checksum = md5(archive)): DatasetSpec {
  const spec = getDatasetSpec('cifar10');
  return {
    ...spec,
    counts: { train: 20, test: 3 },
    download: { ...spec.download!, files: [{ name: 'cifar-10-binary.tar.gz', urls, md5: checksum, bytes: archive.length }] },
  };
}

const quiet = { retryDelayMs: 5, idleTimeoutMs: 5000 };
const sourcesAt = (root: string) => ({ dataDir: root, env: {}, home: root, system: join(root, 'no-system') });

t.test('fetch downloads, checks the MD5, unpacks into place, and reports progress', async (t) => {
  const archive = await cifarArchive(t);
  const server = await serveFiles(t, new Map([['cifar-10-binary.tar.gz', archive]]));
  const root = await tempDir(t);
  const spec = cifarSpec(archive, [`${server.url}cifar-10-binary.tar.gz`]);
  const progress: number[] = [];
  const result = await fetchDataset(spec, { ...quiet, sources: sourcesAt(root), onProgress: (p) => progress.push(p.received) });
  t.same(result, { dir: join(root, 'cifar10', 'cifar-10-batches-bin'), fetched: true });
  t.equal(progress.at(-1), archive.length, 'progress reaches the full size');
  const data = await loadDataset(spec, { sources: sourcesAt(root) });
  t.equal(data.train.count, 20);
  t.same((await readdir(root)).sort(), ['.downloads', 'cifar10'], 'no unpack folder left behind');
  t.same(await readdir(join(root, '.downloads')), [], 'the archive is removed once unpacked');
  t.same(await fetchDataset(spec, { ...quiet, sources: sourcesAt(root) }), { dir: result.dir, fetched: false });
  t.equal(server.requests.length, 1, 'a present dataset is not downloaded again');
  const elsewhere = await tempDir(t);
  const found = await fetchDataset(spec, { ...quiet, sources: { ...sourcesAt(elsewhere), system: root } });
  t.same(found, { dir: result.dir, fetched: false }, 'nor one present in another source, such as the system folder');
  t.equal(server.requests.length, 1);
});

t.test('a download that does not match its checksum is deleted and nothing is unpacked', async (t) => {
  const archive = await cifarArchive(t);
  const server = await serveFiles(t, new Map([['cifar-10-binary.tar.gz', archive]]));
  const root = await tempDir(t);
  const spec = cifarSpec(archive, [`${server.url}cifar-10-binary.tar.gz`], '0123456789abcdef0123456789abcdef');
  await t.rejects(fetchDataset(spec, { ...quiet, sources: sourcesAt(root) }), {
    name: 'ExternalError',
    message: `the download of cifar-10-binary.tar.gz does not match its published MD5 (got ${md5(archive)}, expected 0123456789abcdef0123456789abcdef); the file was deleted — fetch again, and if it fails again the source has changed`,
  });
  t.same(await readdir(root), ['.downloads']);
  t.same(await readdir(join(root, '.downloads')), []);
});

t.test('a connection cut mid-file is resumed with a Range request', async (t) => {
  const archive = await cifarArchive(t);
  const server = await serveFiles(t, new Map([['cifar-10-binary.tar.gz', archive]]));
  const root = await tempDir(t);
  const spec = cifarSpec(archive, [`${server.url}cifar-10-binary.tar.gz`]);
  const half = archive.length >> 1;

  // Within one fetch: the broken transfer is retried from where it stopped.
  server.cut('cifar-10-binary.tar.gz', half);
  await fetchDataset(spec, { ...quiet, sources: sourcesAt(root) });
  t.same(server.requests.map((r) => r.range), [undefined, `bytes=${half}-`]);
  t.equal((await loadDataset(spec, { sources: sourcesAt(root) })).test.count, 3);

  // Across runs: with no retries left the part is kept, and the next fetch resumes it.
  const again = await tempDir(t);
  server.requests.length = 0;
  server.cut('cifar-10-binary.tar.gz', 1000);
  await t.rejects(fetchDataset(spec, { ...quiet, retries: 0, sources: sourcesAt(again) }), {
    name: 'ExternalError',
    message: new RegExp(`^the transfer of cifar-10-binary.tar.gz broke after 1000 of ${archive.length} bytes .*; what arrived is kept in .*\\.part — run the same command again to resume$`),
  });
  t.equal((await stat(join(again, '.downloads', 'cifar-10-binary.tar.gz.part'))).size, 1000);
  t.same(await readdir(again), ['.downloads'], 'no dataset folder from a failed fetch');
  await fetchDataset(spec, { ...quiet, retries: 0, sources: sourcesAt(again) });
  t.same(server.requests.map((r) => r.range), [undefined, 'bytes=1000-']);
  t.equal((await loadDataset(spec, { sources: sourcesAt(again) })).train.count, 20);

  // A server that ignores Range sends the whole file again: the part is rewritten, not appended to.
  const third = await tempDir(t);
  server.cut('cifar-10-binary.tar.gz', 700);
  server.ignoreRanges(true);
  await fetchDataset(spec, { ...quiet, sources: sourcesAt(third) });
  t.equal((await loadDataset(spec, { sources: sourcesAt(third) })).train.count, 20);
});

t.test('a server that goes silent mid-file does not hang the fetch: it times out and resumes', async (t) => {
  const archive = await cifarArchive(t);
  const server = await serveFiles(t, new Map([['cifar-10-binary.tar.gz', archive]]));
  const root = await tempDir(t);
  server.stall('cifar-10-binary.tar.gz', 500);
  await fetchDataset(cifarSpec(archive, [`${server.url}cifar-10-binary.tar.gz`]), { ...quiet, idleTimeoutMs: 300, sources: sourcesAt(root) });
  t.same(server.requests.map((r) => r.range), [undefined, 'bytes=500-']);
});

t.test('offline: the error says what to download and where to put it', async (t) => {
  const archive = await cifarArchive(t);
  const root = await tempDir(t);
  const nowhere = await closedPortUrl();
  const spec = cifarSpec(archive, [`${nowhere}cifar-10-binary.tar.gz`]);
  const error = await fetchDataset(spec, { ...quiet, sources: sourcesAt(root) }).then(
    () => undefined,
    (e: Error) => e,
  );
  t.equal(error?.name, 'ExternalError');
  t.match(error?.message, new RegExp(`^could not download cifar-10-binary.tar.gz \\(${nowhere}cifar-10-binary.tar.gz: ECONNREFUSED\\)`));
  t.match(error?.message, `${nowhere}cifar-10-binary.tar.gz  (${archive.length.toLocaleString('en-US')} bytes, MD5 ${md5(archive)})`);
  t.match(error?.message, `copy it into ${join(root, '.downloads')}/ and run "evo-nas data fetch cifar10" again`);
  t.match(error?.message, `tar -xzf cifar-10-binary.tar.gz -C ${join(root, 'cifar10')}`);

  // Doing as it says works: the file placed by hand is checked and unpacked, with no download.
  await mkdir(join(root, '.downloads'), { recursive: true });
  await writeFile(join(root, '.downloads', 'cifar-10-binary.tar.gz'), archive);
  t.same(await fetchDataset(spec, { ...quiet, sources: sourcesAt(root) }), { dir: join(root, 'cifar10', 'cifar-10-batches-bin'), fetched: true });
});

t.test('a mirror (option or EVO_NAS_DATA_MIRROR) replaces the official locations', async (t) => {
  const archive = await cifarArchive(t);
  const server = await serveFiles(t, new Map([['cifar-10-binary.tar.gz', archive]]));
  const spec = cifarSpec(archive, [`${await closedPortUrl()}cifar-10-binary.tar.gz`]);
  const root = await tempDir(t);
  await fetchDataset(spec, { ...quiet, sources: { ...sourcesAt(root), env: { EVO_NAS_DATA_MIRROR: `${server.url}` } } });
  const other = await tempDir(t);
  await fetchDataset(spec, { ...quiet, sources: sourcesAt(other), mirror: server.url.slice(0, -1) });
  t.equal(server.requests.length, 2);
});

t.test('unpacking is atomic: a corrupt archive leaves no dataset folder, and stale unpack folders are cleared', async (t) => {
  const whole = await cifarArchive(t);
  const archive = whole.subarray(0, whole.length >> 1); // truncated, but it is what the checksum says
  const server = await serveFiles(t, new Map([['cifar-10-binary.tar.gz', archive]]));
  const root = await tempDir(t);
  await mkdir(join(root, '.cifar10.unpack-stale1'), { recursive: true }); // as a killed fetch leaves it
  const spec = cifarSpec(archive, [`${server.url}cifar-10-binary.tar.gz`]);
  await t.rejects(fetchDataset(spec, { ...quiet, sources: sourcesAt(root) }), { name: 'DataError', message: /cifar-10-binary\.tar\.gz could not be unpacked/ });
  t.same(await readdir(root), ['.downloads'], 'no cifar10 folder and no unpack folders');
});

t.test('plain files (idx) and zip archives (Tiny-ImageNet) are fetched the same way', async (t) => {
  const source = await tempDir(t, 'sources');
  await writeIdxDataset(join(source, 'idx'), { train: 5, test: 2, gzip: true });
  const idxNames = await readdir(join(source, 'idx'));
  const idxFiles = new Map(await Promise.all(idxNames.map(async (name) => [name, await readFile(join(source, 'idx', name))] as const)));
  await writeTinyImageNet(join(source, 'tiny', 'tiny-imagenet-200'), 2, 2, 1);
  const entries: Record<string, Uint8Array> = {};
  for (const path of await readdir(join(source, 'tiny'), { recursive: true })) {
    const full = join(source, 'tiny', path);
    if ((await stat(full)).isFile()) entries[path] = await readFile(full);
  }
  const zip = zipSync(entries);
  const evil = zipSync({ '../escape.txt': strToU8('x') }); // zip entries carry a time: build each once
  const server = await serveFiles(t, new Map([...idxFiles, ['tiny-imagenet-200.zip', zip], ['evil.zip', evil]]));
  const root = await tempDir(t);

  const mnist = getDatasetSpec('mnist');
  const mnistSpec: DatasetSpec = {
    ...mnist,
    counts: { train: 5, test: 2 },
    download: { ...mnist.download!, files: mnist.download!.files.map((f) => ({ ...f, urls: [server.url + f.name], md5: md5(idxFiles.get(f.name)!) })) },
  };
  await fetchDataset(mnistSpec, { ...quiet, sources: sourcesAt(root) });
  t.equal((await loadDataset(mnistSpec, { sources: sourcesAt(root) })).train.count, 5);

  const tiny = getDatasetSpec('tiny-imagenet');
  const tinySpec = (name: string, body: Uint8Array): DatasetSpec => ({
    ...tiny,
    classes: 2,
    counts: { train: 4, test: 2 },
    download: { ...tiny.download!, files: [{ name, urls: [server.url + name], md5: md5(body), bytes: body.length }] },
  });
  const result = await fetchDataset(tinySpec('tiny-imagenet-200.zip', zip), { ...quiet, sources: sourcesAt(root) });
  t.equal(result.dir, join(root, 'tiny-imagenet', 'tiny-imagenet-200'));
  t.equal((await loadDataset(tinySpec('tiny-imagenet-200.zip', zip), { sources: sourcesAt(root) })).test.count, 2);

  const elsewhere = await tempDir(t);
  await t.rejects(fetchDataset(tinySpec('evil.zip', evil), { ...quiet, sources: sourcesAt(elsewhere) }), {
    message: /holds an entry "\.\.\/escape\.txt" that would land outside .*; refusing to unpack it/,
  });
  t.same(await readdir(elsewhere), ['.downloads']);
});
