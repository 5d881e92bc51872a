import Redis, { Cluster, type RedisOptions } from 'ioredis';
import type { RedisConfig } from '../config';

/** How long one Redis command may take before the bot answers without state. */
export const REDIS_COMMAND_TIMEOUT_MS = 1000;

/**
 * An ioredis client tuned for a chatbot: commands fail fast (about a second)
 * instead of queueing for ioredis' default ten seconds, so a Redis outage
 * degrades answers instead of stalling them; reconnects go on in the background.
 */
export function createRedisClient(target: string | RedisConfig): Redis {
  const config = typeof target === 'string' ? { url: target } : target;
  const options: RedisOptions = {
    commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    connectTimeout: 2000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
    lazyConnect: true,
    // Commands issued in the same tick go out in one write: many conversations, few syscalls.
    enableAutoPipelining: true,
  };
  const client = config.clusterNodes
    ? // A Cluster speaks the same commands; the store's keys share a hash tag per user, so its scripts stay in one slot.
      (new Cluster(config.clusterNodes, {
        redisOptions: options,
        lazyConnect: true,
        enableOfflineQueue: false,
      }) as unknown as Redis)
    : config.sentinels
      ? new Redis({
          ...options,
          sentinels: config.sentinels,
          name: config.sentinelName ?? 'mymaster',
        })
      : new Redis(config.url ?? 'redis://127.0.0.1:6379', options);
  // Without a listener ioredis would print every connection error; the store reports failures itself.
  client.on('error', () => undefined);
  return client;
}

/**
 * Warns when Redis may evict keys: every key of Türöffner has a TTL, so a
 * volatile-* or allkeys-* policy would silently drop conversations under memory pressure.
 */
export async function evictionWarning(client: Redis): Promise<string | undefined> {
  try {
    const [, policy] = (await client.config('GET', 'maxmemory-policy')) as [string, string];
    return policy && policy !== 'noeviction'
      ? `Redis maxmemory-policy is "${policy}": under memory pressure it may silently drop conversation state; use noeviction`
      : undefined;
  } catch {
    return undefined; // managed Redis often forbids CONFIG; nothing to say then
  }
}

/** What a first connection attempt found: Redis answered, refused our credentials, or did not answer (yet). */
export type RedisConnection =
  | { state: 'up' }
  | { state: 'refused'; reply: string }
  | { state: 'unreachable' };

/** Replies that mean the credentials are wrong: reconnecting will never help. */
const AUTH_REFUSALS = /^(WRONGPASS|NOAUTH|ERR invalid password|ERR AUTH)/;

/**
 * Connects, waiting at most `timeoutMs`. An authentication refusal is told
 * apart from an outage: ioredis reports both as "Connection is closed" and
 * retries forever, and only its error event carries Redis' own reply.
 */
export async function openRedis(client: Redis, timeoutMs = 3000): Promise<RedisConnection> {
  let refusal: string | undefined;
  const onError = (error: Error): void => {
    if (AUTH_REFUSALS.test(error.message)) refusal ??= error.message.split(' ')[0];
  };
  client.on('error', onError);
  const timeout = new Promise<boolean>((resolve) =>
    setTimeout(() => resolve(false), timeoutMs).unref(),
  );
  const connect = client.connect().then(
    () => true,
    () => false,
  );
  const up = await Promise.race([connect, timeout]);
  client.off('error', onError);
  if (up) return { state: 'up' };
  return refusal ? { state: 'refused', reply: refusal } : { state: 'unreachable' };
}

/** Connects, waiting at most `timeoutMs`; resolves to whether Redis answered. */
export async function connectRedis(client: Redis, timeoutMs = 3000): Promise<boolean> {
  return (await openRedis(client, timeoutMs)).state === 'up';
}

/** The key the readiness probe writes (with a short TTL, like every key of Türöffner). */
const PROBE_KEY = 'tueroeffner:readyz';

/**
 * Whether Redis takes writes, not only pings: under `maxmemory` with
 * noeviction it still answers PING but refuses every write (OOM), and the bot
 * is then not ready.
 */
export async function acceptsWrites(client: Redis): Promise<boolean> {
  try {
    return (await client.set(PROBE_KEY, '1', 'PX', 10_000)) === 'OK';
  } catch {
    return false;
  }
}
