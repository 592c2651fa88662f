/** Checks of the Redis server a queue uses, shared by runs and workers. */
import type { Redis } from 'ioredis';

/**
 * A warning when Redis may evict keys (a policy other than `noeviction`): an evicted job is a lost
 * evaluation. Undefined when the policy is right, or when the server does not say (CONFIG is
 * often disabled on managed Redis).
 */
export async function evictionWarning(redis: Redis, where: string): Promise<string | undefined> {
  try {
    const reply = (await redis.config('GET', 'maxmemory-policy')) as string[];
    const policy = reply[1];
    if (policy === undefined || policy === 'noeviction') return undefined;
    return `warning: Redis at ${where} has maxmemory-policy ${policy}; set it to noeviction, or jobs evicted under memory pressure are lost`;
  } catch {
    return undefined;
  }
}
