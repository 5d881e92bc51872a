import Redis from 'ioredis';

/** How long one Redis command may take before the bot answers without state. */
export const REDIS_COMMAND_TIMEOUT_MS = 1000;

/**
 * An ioredis client tuned for a chatbot: commands fail fast (about a second)
 * instead of queueing for ioredis' default ten seconds, so a Redis outage
 * degrades answers instead of stalling them; reconnects go on in the background.
 */
export function createRedisClient(url: string): Redis {
  const client = new Redis(url, {
    commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    connectTimeout: 2000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
    lazyConnect: true,
    // Commands issued in the same tick go out in one write: many conversations, few syscalls.
    enableAutoPipelining: true,
  });
  // Without a listener ioredis would print every connection error; the store reports failures itself.
  client.on('error', () => undefined);
  return client;
}

/** Connects, waiting at most `timeoutMs`; resolves to whether Redis answered. */
export async function connectRedis(client: Redis, timeoutMs = 3000): Promise<boolean> {
  const timeout = new Promise<boolean>((resolve) =>
    setTimeout(() => resolve(false), timeoutMs).unref(),
  );
  const connect = client.connect().then(
    () => true,
    () => false,
  );
  return Promise.race([connect, timeout]);
}
