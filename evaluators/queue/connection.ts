/**
 * A queue URL (`redis://[USER:PASSWORD@]HOST[:PORT][/DB]`, or `rediss://` for TLS) parsed into
 * ioredis options, and its redacted form: the only form that is ever printed, logged or stored.
 */
import { InputError } from '../../src/errors/errors.js';

export interface QueueConnection {
  /** ioredis / BullMQ connection options (they hold the password: never print them). */
  readonly options: RedisConnectionOptions;
  /** The URL with any password replaced by `***`. */
  readonly redacted: string;
}

export interface RedisConnectionOptions {
  readonly host: string;
  readonly port: number;
  readonly db: number;
  readonly username?: string;
  readonly password?: string;
  readonly tls?: Record<string, never>;
  /** Commands wait through a reconnection instead of failing (BullMQ workers require it). */
  readonly maxRetriesPerRequest: null;
  /** Reconnect forever, at most every 2 s; callers bound how long they wait for Redis. */
  readonly retryStrategy: (times: number) => number;
}

export function parseQueueUrl(text: string): QueueConnection {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new InputError(`--queue must be a URL redis://HOST[:PORT][/DB] or rediss://... (got ${redactQueueUrl(text)})`);
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    throw new InputError(`--queue must start with redis:// or rediss:// (TLS) (got ${redactQueueUrl(text)})`);
  }
  const dbText = url.pathname.replace(/^\//, '');
  const db = dbText === '' ? 0 : Number(dbText);
  if (!Number.isSafeInteger(db) || db < 0) throw new InputError(`--queue: the database after the host must be a whole number ≥ 0 (got "${dbText}")`);
  const options: RedisConnectionOptions = {
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port: url.port === '' ? 6379 : Number(url.port),
    db,
    ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
    ...(url.protocol === 'rediss:' ? { tls: {} } : {}),
    maxRetriesPerRequest: null,
    retryStrategy: (times) => Math.min(100 * times, 2000),
  };
  return { options, redacted: redactQueueUrl(text) };
}

/** The URL with its password (if any) replaced by `***`; text that is no URL is kept to its scheme. */
export function redactQueueUrl(text: string): string {
  try {
    const url = new URL(text);
    if (url.password) url.password = '***';
    return url.toString().replace(/\/$/, '');
  } catch {
    const scheme = /^[a-z]+:\/\//i.exec(text)?.[0];
    return scheme ? `${scheme}…` : '(not a URL)';
  }
}
