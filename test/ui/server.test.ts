import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import t, { type Test } from 'tap';
import { uiCommand } from '../../src/cli/commands/ui.js';
import { runCli } from '../../src/cli/program.js';
import { findRunsAndEntries } from '../../src/ui/catalogue.js';
import { resolveInside } from '../../src/ui/safe-path.js';
import { startUi } from '../../src/ui/server.js';
import { tableRun } from '../helpers/runs.js';
import { tempDir } from '../helpers/tmp.js';

/** A raw GET (or other method): the path goes out exactly as written, never normalised. */
function get(url: string, path: string, method = 'GET'): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(url);
    const req = request({ hostname, port, path, method }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** A folder with one run and one entry-like folder (entry.json and model files, no real model needed here). */
async function layout(t: Test) {
  const dir = tempDir(t);
  await tableRun(t, join(dir, 'runs', 'first'), { generations: 2, population: 4 });
  const entry = join(dir, 'zoo', 'entry-a');
  mkdirSync(join(entry, 'model'), { recursive: true });
  writeFileSync(join(entry, 'entry.json'), JSON.stringify({ kind: 'evo-nas-search', name: 'entry-a', space: 's', genome: '4-4', classes: 10, inputShape: [28, 28, 1], metrics: { accuracy: 0.5, params: 1, macs: 1 }, provenance: { dataset: 'fashion-mnist-mini' } }));
  writeFileSync(join(entry, 'model', 'model.json'), '{"model": true}');
  writeFileSync(join(dir, 'secret.txt'), 'not to be served');
  symlinkSync(join(dir, 'secret.txt'), join(entry, 'model', 'link-out.json'));
  symlinkSync(join(entry, 'model', 'model.json'), join(entry, 'model', 'link-in.json'));
  return { dir, entry };
}

t.test('paths are resolved inside their folder: "..", absolute paths and links out are refused', async (t) => {
  const { dir, entry } = await layout(t);
  t.match(resolveInside(entry, 'model/model.json'), { path: /model\.json$/ });
  t.match(resolveInside(entry, 'model/link-in.json'), { path: /model\.json$/ }, 'a link to a file inside is followed');
  t.match(resolveInside(entry, '../secret.txt'), { refused: /\.\./ });
  t.match(resolveInside(entry, 'model/../../secret.txt'), { refused: /\.\./ });
  t.match(resolveInside(entry, join(dir, 'secret.txt')), { refused: 'absolute path' });
  t.match(resolveInside(entry, 'C:/secret.txt'), { refused: 'absolute path' });
  t.match(resolveInside(entry, 'model\\..\\..\\secret.txt'), { refused: 'absolute path' });
  t.match(resolveInside(entry, 'model/link-out.json'), { refused: 'a link out of the folder' });
  t.match(resolveInside(entry, 'model/none.json'), { missing: true });
  t.match(resolveInside(entry, 'model//model.json'), { refused: /empty segment/ });
});

t.test('the server binds 127.0.0.1 by default, answers GET only, serves only what it found, and never writes to a store', async (t) => {
  const { dir } = await layout(t);
  const found = findRunsAndEntries([join(dir, 'runs'), join(dir, 'zoo')]);
  t.same(found.runs.map((r) => r.id), ['first']);
  t.same(found.entries.map((e) => e.id), ['entry-a']);
  const storeFile = join(dir, 'runs', 'first', 'store.mdb');
  const before = createHash('sha256').update(readFileSync(storeFile)).digest('hex');
  const ui = await startUi({ dirs: [join(dir, 'runs'), join(dir, 'zoo')], port: 0 });
  t.teardown(() => ui.close());
  t.match(ui.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);

  t.equal((await get(ui.url, '/')).status, 200);
  const runs = JSON.parse((await get(ui.url, '/api/runs')).body);
  t.match(runs, [{ id: 'first', evaluationCount: 8, evaluations: [] }], 'summaries without the rows');
  const run = JSON.parse((await get(ui.url, '/api/runs/first')).body);
  t.equal(run.evaluations.length, 8);
  t.equal((await get(ui.url, '/entries/entry-a/model/model.json')).body, '{"model": true}');
  t.equal((await get(ui.url, '/entries/entry-a/model/link-in.json')).status, 200);
  t.equal((await get(ui.url, '/assets/vega-embed.min.js')).status, 200);

  const refused: [string, number][] = [
    ['/entries/entry-a/../../secret.txt', 403],
    ['/entries/entry-a/model/..%2F..%2F..%2Fsecret.txt', 403],
    ['/entries/entry-a/%2Fetc%2Fpasswd', 403],
    [`/entries/entry-a/${encodeURIComponent(join(dir, 'secret.txt'))}`, 403],
    ['/entries/entry-a/model/link-out.json', 403],
    ['/entries/entry-a/model/%zz', 400],
    ['/entries/other/model/model.json', 404],
    ['/entries/entry-a/model/none.json', 404],
    ['/assets/..%2Fpackage.json', 404],
    ['/assets/../package.json', 404],
    ['/api/runs/..%2Fsecret', 404],
  ];
  for (const [path, status] of refused) {
    const answer = await get(ui.url, path);
    t.equal(answer.status, status, `${path} -> ${status}`);
    t.notMatch(answer.body, /not to be served/);
  }
  t.equal((await get(ui.url, '/api/runs', 'POST')).status, 405, 'read-only');
  t.equal((await get(ui.url, '/api/runs/first', 'DELETE')).status, 405);
  const after = createHash('sha256').update(readFileSync(storeFile)).digest('hex');
  t.equal(after, before, 'the store file is unchanged');
});

t.test('evo-nas ui prints where it listens, and a port in use is a clear input error', async (t) => {
  const { dir } = await layout(t);
  const lines: string[] = [];
  const ui = await uiCommand([join(dir, 'runs'), join(dir, 'zoo')], { port: 0, host: '127.0.0.1' }, (line) => lines.push(line));
  t.teardown(() => ui.close());
  t.match(lines, [/^evo-nas ui: 1 run and 1 zoo entry under /, /^open http:\/\/127\.0\.0\.1:\d+\/ {2}\(Ctrl-C stops it\)$/]);
  const port = Number(new URL(ui.url).port);
  await t.rejects(uiCommand([dir], { port, host: '127.0.0.1' }, () => undefined), { name: 'InputError', message: `--port ${port} is in use on 127.0.0.1; pick another (or 0 for any free port)` });
  let err = '';
  t.equal(await runCli(['ui', '--port', 'x'], { out: () => undefined, err: (s) => (err += s) }), 2);
  t.match(err, /--port.*must be a whole number from 0 to 65535/);
});

t.test('a request naming another host (DNS rebinding) is refused', async (t) => {
  const { dir } = await layout(t);
  const ui = await startUi({ dirs: [join(dir, 'runs')], port: 0 });
  t.teardown(() => ui.close());
  const { port } = new URL(ui.url);
  const ask = (host: string) =>
    new Promise<number>((resolve, reject) => {
      const req = request({ hostname: '127.0.0.1', port, path: '/api/runs', headers: { host } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
  t.equal(await ask(`127.0.0.1:${port}`), 200);
  t.equal(await ask(`localhost:${port}`), 200);
  t.equal(await ask(`attacker.example:${port}`), 421);
  t.equal(await ask('127.0.0.1'), 421, 'the port must match too');
});
