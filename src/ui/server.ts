/**
 * `evo-nas ui`'s web server (node:http): read-only, GET only, bound to 127.0.0.1 unless told
 * otherwise. It serves the two pages, the browser libraries, the runs' views as JSON (read from
 * their stores read-only, without a lock) and the files of the zoo entries it found — nothing else:
 * requested file paths are resolved inside their entry folder (see safe-path.ts).
 */
import { createReadStream } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname } from 'node:path';
import { readZooEntry } from '../zoo/entries.js';
import { isLibrary, isOwnAsset, library, ownAsset } from '../report/assets.js';
import { findRunsAndEntries, type Catalogue } from './catalogue.js';
import { entryPage, indexPage } from './pages.js';
import { RunCache, storeStamp, summaryOf } from './run-cache.js';
import { resolveInside } from './safe-path.js';
import { MAX_TEST_IMAGES, TestImageSource } from './test-images.js';

export interface UiOptions {
  readonly dirs: readonly string[];
  readonly host?: string;
  readonly port?: number;
}

export interface UiServer {
  readonly url: string;
  /** Settles when every run found at start has been read once (the first page is then served from memory). */
  readonly ready: Promise<void>;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.bin': 'application/octet-stream',
  '.html': 'text/html; charset=utf-8',
};

class HttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.end(body);
}

function decodePart(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw new HttpError(400, 'malformed URL');
  }
}

const json = (res: ServerResponse, value: unknown) => send(res, 200, TYPES['.json'] as string, JSON.stringify(value));

export async function startUi(options: UiOptions): Promise<UiServer> {
  const runs = new RunCache();
  const images = new TestImageSource();
  // The folders are scanned again on a page or a list request, so new runs show up; at most once a second.
  let catalogue: Catalogue = findRunsAndEntries(options.dirs);
  let scanned = Date.now();
  const fresh = (): Catalogue => {
    if (Date.now() - scanned > 1000) {
      catalogue = findRunsAndEntries(options.dirs);
      scanned = Date.now();
    }
    return catalogue;
  };
  const runOf = (id: string) => {
    const found = fresh().runs.find((r) => r.id === id);
    if (!found) throw new HttpError(404, `no run ${id}`);
    return found;
  };
  const entryOf = (name: string) => {
    const found = fresh().entries.find((e) => e.id === name);
    if (!found) throw new HttpError(404, `no zoo entry ${name}`);
    return found;
  };

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpError(405, 'read-only: GET only');
    if (!allowedHost(req.headers.host)) throw new HttpError(421, 'unexpected Host header: use the address evo-nas ui printed');
    const url = new URL(req.url ?? '/', 'http://localhost');
    // The raw path, split before decoding, so an encoded "/" or ".." cannot pass as something else.
    const parts = (req.url ?? '/').split('?')[0]!.split('/').slice(1).map(decodePart);
    const [first, second, third, ...rest] = parts;
    if (parts.length === 1 && first === '') return send(res, 200, TYPES['.html'] as string, indexPage());
    if (parts.length === 1 && first === 'favicon.ico') return send(res, 204, 'image/x-icon', '');
    if (first === 'assets' && second !== undefined && parts.length === 2) {
      if (isLibrary(second)) return send(res, 200, TYPES['.js'] as string, library(second));
      if (isOwnAsset(second)) return send(res, 200, TYPES[extname(second)] as string, ownAsset(second));
      throw new HttpError(404, `no asset ${second}`);
    }
    if (first === 'entry' && second !== undefined && parts.length === 2) {
      entryOf(second);
      return send(res, 200, TYPES['.html'] as string, entryPage(second));
    }
    if (first === 'entries' && second !== undefined && third !== undefined) {
      const entry = entryOf(second);
      const resolved = resolveInside(entry.dir, [third, ...rest].join('/'));
      if ('refused' in resolved) throw new HttpError(403, `refused: ${resolved.refused}`);
      if ('missing' in resolved) throw new HttpError(404, 'no such file');
      res.writeHead(200, { 'content-type': TYPES[extname(resolved.path)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      await new Promise<void>((resolve, reject) => createReadStream(resolved.path).on('error', reject).on('end', resolve).pipe(res));
      return;
    }
    if (first === 'api') return api(parts.slice(1), url, res);
    throw new HttpError(404, 'not found');
  }

  async function api(parts: string[], url: URL, res: ServerResponse): Promise<void> {
    const [what, id, detail] = parts;
    if (what === 'stamps' && parts.length === 1) {
      return json(res, Object.fromEntries(fresh().runs.map((r) => [r.id, storeStamp(r.dir)])));
    }
    if (what === 'runs' && parts.length === 1) {
      return json(res, fresh().runs.flatMap((r) => {
        const { stamp, view } = runs.get(r.id, r.dir);
        return view instanceof Error ? [] : [summaryOf(view, stamp)];
      }));
    }
    if (what === 'runs' && id !== undefined && parts.length === 2) {
      const run = runOf(id);
      const { stamp, view } = runs.get(run.id, run.dir);
      if (view instanceof Error) throw new HttpError(404, view.message);
      return json(res, { ...view, stamp });
    }
    if (what === 'entries' && parts.length === 1) {
      return json(res, fresh().entries.flatMap((e) => {
        try {
          return [{ ...readZooEntry(e.dir), id: e.id, dir: undefined }];
        } catch {
          return [];
        }
      }));
    }
    if (what === 'entries' && id !== undefined && parts.length === 2) {
      const entry = entryOf(id);
      return json(res, { ...readZooEntry(entry.dir), id: entry.id, dir: undefined });
    }
    if (what === 'entries' && id !== undefined && detail === 'images' && parts.length === 3) {
      const entry = readZooEntry(entryOf(id).dir);
      const count = Number(url.searchParams.get('count') ?? 32);
      if (!Number.isInteger(count) || count < 1 || count > MAX_TEST_IMAGES) throw new HttpError(400, `count must be a whole number from 1 to ${MAX_TEST_IMAGES}`);
      try {
        return json(res, await images.images(entry.provenance.dataset, count));
      } catch (error) {
        throw new HttpError(404, `cannot load the test images of ${entry.provenance.dataset}: ${(error as Error).message}`);
      }
    }
    throw new HttpError(404, 'not found');
  }

  let allowedHost: (value: string | undefined) => boolean = () => false;
  const server: Server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      const status = error instanceof HttpError ? error.status : 500;
      const message = error instanceof Error ? error.message : String(error);
      if (res.headersSent) res.destroy();
      else send(res, status, 'text/plain; charset=utf-8', `${message}\n`);
    });
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8765, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  // A page elsewhere that points one of its own names at 127.0.0.1 (DNS rebinding) sends its own
  // name as Host: only the addresses this server listens on are answered.
  const hosts = new Set([host, 'localhost', '127.0.0.1', '[::1]'].map((h) => `${h.includes(':') && !h.startsWith('[') ? `[${h}]` : h}:${port}`.toLowerCase()));
  allowedHost = (value) => value !== undefined && (host === '0.0.0.0' || host === '::' || hosts.has(value.toLowerCase()));
  // Read every run once in the background, one per turn of the event loop, so that requests
  // arriving meanwhile are answered between two runs.
  const ready = (async () => {
    for (const run of catalogue.runs) {
      await new Promise((resolve) => setImmediate(resolve));
      runs.get(run.id, run.dir);
    }
  })();
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}/`,
    ready,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
