import { spawn } from 'node:child_process';
import path from 'node:path';
import type Redis from 'ioredis';
import { StoreUnavailableError } from '../../src/store/conversation-store';
import { connectRedis, createRedisClient } from '../../src/store/redis-client';
import { RedisStore } from '../../src/store/redis-store';
import { deletePrefix, TEST_REDIS_URL, testPrefix, testRedis } from '../helpers/redis';

type Counter = { count?: number } | undefined;
const increment = (current: unknown) => {
  const count = ((current as Counter)?.count ?? 0) + 1;
  return { next: { count }, result: count };
};

describe('RedisStore (real redis-server)', () => {
  const prefix = testPrefix('redis-store');
  const clients: Redis[] = [];
  let inspect: Redis;
  // Connections are made in beforeAll: hooks run only when a test of this block runs.
  beforeAll(() => {
    inspect = testRedis();
  });
  const storeWith = async (ttl = 120): Promise<RedisStore> => {
    const client = createRedisClient(TEST_REDIS_URL);
    clients.push(client);
    expect(await connectRedis(client)).toBe(true);
    return new RedisStore(client, ttl, prefix);
  };
  const key = { userId: 'telegram:7', conversationId: 'telegram:7' };

  afterAll(async () => {
    await deletePrefix(inspect, prefix);
    for (const client of clients) client.disconnect();
    inspect.disconnect();
  });

  it('should write JSON with a time-to-live on the state key and the user index', async () => {
    const store = await storeWith(120);
    await store.update(key, () => ({ next: { step: 'kn_count' }, result: undefined }));
    expect(await store.read(key)).toEqual({ step: 'kn_count' });
    for (const redisKey of [store.stateKey(key), store.indexKey(key.userId)]) {
      const ttl = await inspect.pttl(redisKey);
      expect(ttl).toBeGreaterThan(100_000);
      expect(ttl).toBeLessThanOrEqual(120_000);
    }
    // Keyed hashes, not the raw ids, name the keys; the user's hash is the Cluster hash tag.
    expect(store.stateKey(key)).toMatch(new RegExp(`^${prefix}:\\{[\\w-]{22}\\}:c:[\\w-]{22}$`));
    expect(store.stateKey(key)).not.toContain('telegram:7');
  });

  it('should lose no update when many messages of one conversation arrive at once', async () => {
    const store = await storeWith();
    const counter = { userId: 'u-burst', conversationId: 'c-burst' };
    await Promise.all(Array.from({ length: 60 }, () => store.update(counter, increment)));
    expect(await store.read(counter)).toEqual({ count: 60 });
  });

  it('should lose no update when two processes write the same conversation', async () => {
    const store = await storeWith();
    const worker = path.join(__dirname, 'increment-worker.ts');
    const run = () =>
      new Promise<number | null>((resolve) => {
        const child = spawn(
          process.execPath,
          ['--import', 'tsx', worker, TEST_REDIS_URL, prefix, '50'],
          {
            stdio: ['ignore', 'ignore', 'inherit'],
          },
        );
        child.on('close', resolve);
      });
    const codes = await Promise.all([run(), run()]);
    expect(codes).toEqual([0, 0]);
    expect(await store.read({ userId: 'u1', conversationId: 'c1' })).toEqual({ count: 100 });
  }, 60_000);

  it('should forget every key of a user and nothing of another', async () => {
    const store = await storeWith();
    const mine = [
      { userId: 'slack:U1', conversationId: 'slack:D1' },
      { userId: 'slack:U1', conversationId: 'slack:C1:thread:1.2' },
    ];
    const other = { userId: 'slack:U2', conversationId: 'slack:D2' };
    for (const k of [...mine, other]) await store.update(k, increment);
    await store.forgetUser('slack:U1');
    for (const k of mine) expect(await store.read(k)).toBeUndefined();
    expect(await inspect.exists(store.indexKey('slack:U1'))).toBe(0);
    expect(await store.read(other)).toEqual({ count: 1 });
  });

  it('should not bring state back when a forget lands between the read and the write of an update', async () => {
    const store = await storeWith();
    const key = { userId: 'u-forget-race', conversationId: 'c-forget-race' };
    for (let i = 0; i < 5; i++) await store.update(key, increment);
    // A client that lets "forget" run right after the update's first read: the worst moment.
    const client = createRedisClient(TEST_REDIS_URL);
    clients.push(client);
    await connectRedis(client);
    let raced = false;
    const racing = new Proxy(client, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver) as unknown;
        if (property !== 'hmget' || typeof value !== 'function') return value;
        return async (...args: unknown[]) => {
          const result = (await (value as (...a: unknown[]) => Promise<unknown>).apply(
            target,
            args,
          )) as unknown;
          if (!raced) {
            raced = true;
            await store.forgetUser(key.userId);
          }
          return result;
        };
      },
    });
    const racingStore = new RedisStore(racing, 120, prefix);
    const seen: unknown[] = [];
    await racingStore.update(key, (current) => {
      seen.push(current);
      return increment(current);
    });
    // The first attempt saw the old state; its write was refused, and the retry started from nothing.
    expect(seen).toEqual([{ count: 5 }, undefined]);
    expect(await store.read(key)).toEqual({ count: 1 });
  });

  it('should read broken JSON as no state instead of crashing', async () => {
    const store = await storeWith();
    const broken = { userId: 'u-broken', conversationId: 'c-broken' };
    await inspect.hset(store.stateKey(broken), 'v', '3', 'd', '{not json');
    expect(await store.read(broken)).toBeUndefined();
    expect(await store.update(broken, increment)).toBe(1);
  });

  it('should delete a key when the change returns no next state', async () => {
    const store = await storeWith();
    const gone = { userId: 'u-gone', conversationId: 'c-gone' };
    await store.update(gone, increment);
    await store.update(gone, () => ({ next: undefined, result: undefined }));
    expect(await inspect.exists(store.stateKey(gone))).toBe(0);
  });

  it('should fail fast with StoreUnavailableError when Redis is unreachable', async () => {
    const client = createRedisClient('redis://127.0.0.1:1');
    clients.push(client);
    expect(await connectRedis(client, 500)).toBe(false);
    const store = new RedisStore(client, 60, prefix);
    const started = Date.now();
    await expect(store.update(key, increment)).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(Date.now() - started).toBeLessThan(2_000);
    await store.close();
  });
});
