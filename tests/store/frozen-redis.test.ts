import type Redis from 'ioredis';
import { RedisLanes } from '../../src/delivery/redis-lanes';
import { StoreUnavailableError } from '../../src/store/conversation-store';
import { connectRedis, createRedisClient } from '../../src/store/redis-client';
import { RedisStore } from '../../src/store/redis-store';
import { freePort, OwnRedisServer } from '../helpers/redis-server';

const key = { userId: 'telegram:77', conversationId: 'telegram:77' };

describe('writes that reach a frozen Redis too late (own redis-server, SIGSTOP)', () => {
  let server: OwnRedisServer;
  let client: Redis;
  let store: RedisStore;

  beforeAll(async () => {
    server = new OwnRedisServer(await freePort());
    await server.start();
    client = createRedisClient(server.url);
    expect(await connectRedis(client)).toBe(true);
    store = new RedisStore(client, 600);
  });

  afterAll(async () => {
    client.disconnect();
    await server.stop();
  });

  it('should apply a turn id once: the second update returns the stored result and changes nothing', async () => {
    let runs = 0;
    const change = (current: unknown) => {
      runs++;
      const count = ((current as { count?: number }) ?? {}).count ?? 0;
      return { next: { count: count + 1 }, result: `count ${count + 1}` };
    };
    expect(await store.update(key, change, 'telegram:900001')).toBe('count 1');
    expect(await store.update(key, change, 'telegram:900001')).toBe('count 1');
    expect(runs).toBe(1);
    expect(await store.read(key)).toEqual({ count: 1 });
  });

  it('should make no phantom change: a compare-and-set sent as Redis freezes fails, and stays undone after it thaws', async () => {
    const before = await client.hgetall(store.stateKey(key));
    const started = Date.now();
    // Freeze after the read answered, so exactly the write meets the frozen server.
    const write = store.update(
      key,
      () => {
        server.freeze(true);
        return { next: { count: 99 }, result: 'written' };
      },
      'telegram:900002',
    );
    await expect(write).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(Date.now() - started).toBeLessThan(2_500);
    server.freeze(false);
    // The same connection: this read runs after the late script, so it sees whatever that did.
    expect(await client.hgetall(store.stateKey(key))).toEqual(before);
    expect(await store.read(key)).toEqual({ count: 1 });
  });

  it('should queue nothing when a push reaches a frozen Redis too late', async () => {
    const lanes = new RedisLanes({ redis: client, prefix: 'frozen', name: 'out', leaseMs: 1_000 });
    await lanes.push({ lane: 'x:warm', entries: [{ id: 'w', body: 'w', at: Date.now() }] });
    server.freeze(true);
    const push = lanes.push({
      lane: 'x:late',
      entries: [{ id: 'late', body: 'late', at: Date.now() }],
      dedupeKey: 'late',
    });
    await expect(push).rejects.toBeInstanceOf(StoreUnavailableError);
    server.freeze(false);
    expect(await client.exists('frozen:{q}:out:lane:x:late', 'frozen:{q}:out:seen:late')).toBe(0);
  });
});
