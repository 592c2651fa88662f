/**
 * One resumable HTTP(S) download: the bytes go to `<file>.part`, and a later attempt asks the
 * server for the rest with an HTTP Range request (RFC 9110 §14) instead of starting again.
 * Failures are classified so the caller can react: the host could not be reached (try the next
 * URL, or tell the user how to download by hand), the transfer broke mid-file (resume), or the
 * server answered with an error status.
 */
import { createWriteStream } from 'node:fs';
import { stat, truncate } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';

/** Progress of one file: bytes on disk so far, and the full size when the server said it. */
export interface DownloadProgress {
  readonly file: string;
  readonly received: number;
  readonly total?: number;
}

/** No response came: DNS failure, connection refused, no route, a timeout before the headers. */
export class UnreachableError extends Error {
  override name = 'UnreachableError';
}

/** The response started and stopped before the last byte. What arrived is kept in the `.part` file. */
export class BrokenTransferError extends Error {
  override name = 'BrokenTransferError';
}

/** The server answered with a status that is not a success or a redirect (404, 500, ...). */
export class HttpStatusError extends Error {
  override name = 'HttpStatusError';
  constructor(
    readonly status: number,
    url: string,
  ) {
    super(`${url} answered HTTP ${status}`);
  }
}

export interface AttemptOptions {
  readonly onProgress?: (progress: DownloadProgress) => void;
  /** Give up on a connection silent this long (default 30 s): a stalled download must not hang. */
  readonly idleTimeoutMs?: number;
}

const MAX_REDIRECTS = 5;

/**
 * Makes one attempt to complete `part` from `url`, continuing from the bytes it already holds.
 * Resolves once the file holds the whole resource; rejects with one of the errors above.
 */
export async function downloadAttempt(url: string, part: string, name: string, options: AttemptOptions = {}): Promise<void> {
  const offset = await sizeOf(part);
  const response = await request(url, offset, options.idleTimeoutMs ?? 30_000);
  const status = response.statusCode ?? 0;
  if (status === 416) return rangeNotSatisfiable(response, offset, part);
  if (status !== 200 && status !== 206) {
    response.resume();
    throw new HttpStatusError(status, url);
  }
  // 200 means the server ignored the Range header and sends the whole file: start over.
  const start = status === 206 ? rangeStart(response, url) : 0;
  if (start > offset) {
    response.resume();
    throw new HttpStatusError(206, `${url} (sent bytes from ${start}, asked from ${offset})`);
  }
  if (start !== offset) await truncate(part, start).catch(() => undefined);
  const total = status === 206 ? rangeTotal(response) : lengthOf(response);
  let received = start;
  const report = () => options.onProgress?.({ file: name, received, total });
  report();
  await saveBody(response, part, start > 0, (bytes) => {
    received += bytes;
    report();
  }).catch((error: Error) => {
    throw new BrokenTransferError(`the transfer of ${name} broke after ${received} of ${total ?? '?'} bytes (${error.message})`);
  });
  if (total !== undefined && received < total) {
    throw new BrokenTransferError(`the transfer of ${name} ended after ${received} of ${total} bytes`);
  }
}

/**
 * Writes the response body to `part`. Unlike stream.pipeline, a broken response does not destroy
 * the file stream (which would drop writes still buffered): the file is ended normally, so every
 * byte that arrived is on disk for the next attempt to resume from. Rejects if the body broke.
 */
function saveBody(response: http.IncomingMessage, part: string, append: boolean, onBytes: (n: number) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const file = createWriteStream(part, { flags: append ? 'a' : 'w' });
    let broken: Error | undefined;
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      file.end();
    };
    response.on('data', (chunk: Buffer) => {
      onBytes(chunk.length);
      if (!file.write(chunk)) {
        response.pause();
        file.once('drain', () => response.resume());
      }
    });
    response.on('error', (error) => (broken ??= error));
    response.on('end', end);
    response.on('close', () => {
      if (!response.complete) broken ??= new Error('connection closed');
      end();
    });
    file.on('error', reject);
    file.on('close', () => (broken ? reject(broken) : resolve()));
  });
}

/** Sends the GET (with a Range header when resuming), following redirects. */
function request(url: string, offset: number, idleTimeoutMs: number, redirects = 0): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    const client = url.startsWith('https:') ? https : http;
    const headers: Record<string, string> = { 'user-agent': 'evo-nas', 'accept-encoding': 'identity' };
    if (offset > 0) headers.range = `bytes=${offset}-`;
    let req: http.ClientRequest;
    try {
      req = client.get(url, { headers }, (response) => {
        const status = response.statusCode ?? 0;
        const location = response.headers.location;
        if (status >= 300 && status < 400 && location) {
          response.resume();
          if (redirects >= MAX_REDIRECTS) return reject(new HttpStatusError(status, `${url} (too many redirects)`));
          return resolve(request(new URL(location, url).toString(), offset, idleTimeoutMs, redirects + 1));
        }
        resolve(response);
      });
    } catch (error) {
      return reject(new UnreachableError(`${url}: ${(error as Error).message}`));
    }
    // The timeout covers the wait for headers and, on the same socket, silences mid-body.
    req.setTimeout(idleTimeoutMs, () => req.destroy(new Error(`no data for ${idleTimeoutMs / 1000} s`)));
    req.on('error', (error: NodeJS.ErrnoException) => reject(new UnreachableError(`${url}: ${error.code ?? error.message}`)));
  });
}

/** 416: the part already holds everything (resume of a finished file), or it is junk: start over. */
async function rangeNotSatisfiable(response: http.IncomingMessage, offset: number, part: string): Promise<void> {
  response.resume();
  const total = Number(/\/(\d+)$/.exec(response.headers['content-range'] ?? '')?.[1]);
  if (total === offset) return;
  await truncate(part, 0);
  throw new BrokenTransferError(`the partial file ${part} did not fit the server's file; it was emptied to start again`);
}

function rangeStart(response: http.IncomingMessage, url: string): number {
  const match = /^bytes (\d+)-/.exec(response.headers['content-range'] ?? '');
  if (!match) throw new HttpStatusError(206, `${url} (206 without a Content-Range)`);
  return Number(match[1]);
}

function rangeTotal(response: http.IncomingMessage): number | undefined {
  const total = Number(/\/(\d+)$/.exec(response.headers['content-range'] ?? '')?.[1]);
  return Number.isFinite(total) ? total : undefined;
}

function lengthOf(response: http.IncomingMessage): number | undefined {
  const length = Number(response.headers['content-length']);
  return response.headers['content-length'] !== undefined && Number.isFinite(length) ? length : undefined;
}

async function sizeOf(path: string): Promise<number> {
  return stat(path).then(
    (s) => s.size,
    () => 0,
  );
}
