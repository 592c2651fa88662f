/**
 * A local HTTP server on 127.0.0.1 for the download tests: serves files from memory, honours
 * Range requests (206 + Content-Range), can cut the connection mid-file, and records what was
 * asked. Nothing in the tests talks to any other host.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Test } from 'tap';

export interface ServedRequest {
  readonly path: string;
  readonly range?: string;
}

export interface FileServer {
  /** Base URL ending in "/". */
  readonly url: string;
  readonly requests: ServedRequest[];
  /** Cut the next `times` responses for `path` after `bytes` bytes of the body. */
  cut(path: string, bytes: number, times?: number): void;
  /** Send `bytes` bytes of the next response for `path`, then go silent with the connection open. */
  stall(path: string, bytes: number): void;
  /** Answer every request with the whole file (200), as servers without Range support do. */
  ignoreRanges(ignore: boolean): void;
}

export async function serveFiles(t: Test, files: ReadonlyMap<string, Uint8Array>): Promise<FileServer> {
  const requests: ServedRequest[] = [];
  const cuts = new Map<string, { bytes: number; times: number }>();
  const stalls = new Map<string, number>();
  let rangesIgnored = false;
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent((req.url ?? '/').slice(1));
    requests.push({ path, ...(req.headers.range ? { range: req.headers.range } : {}) });
    const body = files.get(path);
    if (!body) {
      res.writeHead(404).end();
      return;
    }
    const start = rangesIgnored ? 0 : Number(/^bytes=(\d+)-$/.exec(req.headers.range ?? '')?.[1] ?? 0);
    if (start >= body.length && start > 0) {
      res.writeHead(416, { 'content-range': `bytes */${body.length}` }).end();
      return;
    }
    const headers = { 'content-length': String(body.length - start), 'accept-ranges': 'bytes' };
    if (start > 0) res.writeHead(206, { ...headers, 'content-range': `bytes ${start}-${body.length - 1}/${body.length}` });
    else res.writeHead(200, headers);
    const stall = stalls.get(path);
    if (stall !== undefined) {
      stalls.delete(path);
      res.write(body.subarray(start, start + stall));
      return;
    }
    const cut = cuts.get(path);
    if (cut && cut.times > 0) {
      cut.times -= 1;
      // Send part of the body, then drop the connection as a failing network would.
      res.write(body.subarray(start, start + cut.bytes), () => res.socket?.destroy());
      return;
    }
    res.end(body.subarray(start));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => {
    server.closeAllConnections(); // a stalled response would otherwise hold the server open
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    cut: (path, bytes, times = 1) => cuts.set(path, { bytes, times }),
    stall: (path, bytes) => stalls.set(path, bytes),
    ignoreRanges: (ignore) => (rangesIgnored = ignore),
  };
}

/** A 127.0.0.1 URL on which nothing listens (a port that was just free). */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/`;
}
