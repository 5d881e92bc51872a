import Redis from 'ioredis';

/** The Redis the tests talk to: REDIS_URL, or the local default. */
export const TEST_REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';

/** A key prefix of its own for one test file, so tests never touch real or each other's data. */
export function testPrefix(name: string): string {
  return `tueroeffner-test:${name}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
}

/** A plain client for setting up and inspecting keys. */
export function testRedis(): Redis {
  return new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 2 });
}

/** Deletes every key under a prefix. */
export async function deletePrefix(redis: Redis, prefix: string): Promise<void> {
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length) await redis.del(...keys);
}
