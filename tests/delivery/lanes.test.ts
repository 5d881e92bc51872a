import type Redis from 'ioredis';
import type { LaneLease, Lanes } from '../../src/delivery/lanes';
import { MemoryLanes } from '../../src/delivery/memory-lanes';
import { RedisLanes } from '../../src/delivery/redis-lanes';
import { deletePrefix, testPrefix, testRedis } from '../helpers/redis';

const LEASE_MS = 300;
const entry = (id: string, owner?: string) => ({
  id,
  body: id,
  at: Date.now(),
  ...(owner ? { owner } : {}),
});

// Takes until a lease comes (or fails after a second); lanes may be briefly not due.
async function takeOne(lanes: Lanes<string>): Promise<LaneLease<string>> {
  const until = Date.now() + 1_000;
  for (;;) {
    const { lease } = await lanes.take();
    if (lease) return lease;
    if (Date.now() > until) throw new Error('nothing due');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe.each(['redis', 'memory'] as const)('%s lanes', (kind) => {
  let redis: Redis;
  const prefix = testPrefix(`lanes-${kind}`);
  let n = 0;
  const make = (rates = {}): Lanes<string> =>
    kind === 'redis'
      ? new RedisLanes<string>({ redis, prefix, name: `t${n++}`, leaseMs: LEASE_MS, rates })
      : new MemoryLanes<string>(LEASE_MS, rates);

  beforeAll(() => {
    redis = testRedis();
  });
  afterAll(async () => {
    await deletePrefix(redis, prefix);
    redis.disconnect();
  });

  it('should hand out one lane’s entries in order, one at a time, and other lanes side by side', async () => {
    const lanes = make();
    await lanes.push({ lane: 'x:a', entries: [entry('a1'), entry('a2')] });
    await lanes.push({ lane: 'x:b', entries: [entry('b1')] });
    const first = await takeOne(lanes);
    const second = await takeOne(lanes);
    expect([first.entry.id, second.entry.id].sort()).toEqual(['a1', 'b1']);
    // a2 waits until a1 is done: its lane is leased.
    expect((await lanes.take()).lease).toBeUndefined();
    await lanes.ack(first.entry.id === 'a1' ? first : second);
    expect((await takeOne(lanes)).entry.id).toBe('a2');
  });

  it('should queue a dedupe key once', async () => {
    const lanes = make();
    expect(await lanes.push({ lane: 'x:c', entries: [entry('c1')], dedupeKey: 'k1' })).toBe(
      'queued',
    );
    expect(await lanes.push({ lane: 'x:c', entries: [entry('c1')], dedupeKey: 'k1' })).toBe(
      'duplicate',
    );
    expect(await lanes.depth()).toBe(1);
  });

  it('should give a lease that expired to the next taker, and refuse the first holder’s ack', async () => {
    const lanes = make();
    await lanes.push({ lane: 'x:d', entries: [entry('d1')] });
    const dead = await takeOne(lanes);
    expect((await lanes.take()).lease).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, LEASE_MS + 50));
    const next = await takeOne(lanes);
    expect(next.entry.id).toBe('d1');
    expect(await lanes.ack(dead)).toBe(false);
    expect(await lanes.ack(next)).toBe(true);
    expect(await lanes.depth()).toBe(0);
  });

  it('should keep a postponed head and give it again only after the delay, counting the attempt', async () => {
    const lanes = make();
    await lanes.push({ lane: 'x:e', entries: [entry('e1'), entry('e2')] });
    const lease = await takeOne(lanes);
    const postponed = Date.now();
    await lanes.postpone(lease, 200);
    const again = await takeOne(lanes);
    expect(Date.now() - postponed).toBeGreaterThanOrEqual(150);
    expect(again.entry.id).toBe('e1');
    expect(again.attempts).toBe(1);
  });

  it('should put urgent entries ahead of the lane and the lane ahead of others', async () => {
    const lanes = make();
    await lanes.push({ lane: 'x:f', entries: [entry('f1')] });
    await lanes.push({ lane: 'x:g', entries: [entry('g1')] });
    await lanes.push({ lane: 'x:g', entries: [entry('g-crisis')], urgent: true });
    expect((await takeOne(lanes)).entry.id).toBe('g-crisis');
  });

  it('should keep a lane within its rate: a burst, then one per interval', async () => {
    const lanes = make({ x: { perSecond: 1000, lane: { intervalMs: 200, burst: 2 } } });
    await lanes.push({ lane: 'x:h', entries: ['1', '2', '3'].map((i) => entry(`h${i}`)) });
    const started = Date.now();
    for (let i = 0; i < 3; i++) await lanes.ack(await takeOne(lanes));
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
  });

  it('should remove every entry of an owner, and drop a whole lane', async () => {
    const lanes = make();
    await lanes.push({ lane: 'x:i', entries: [entry('i1', 'o1'), entry('i2', 'o2')] });
    await lanes.removeOwner('o1');
    expect(await lanes.depth()).toBe(1);
    const lease = await takeOne(lanes);
    expect(lease.entry.id).toBe('i2');
    await lanes.dropLane(lease);
    expect(await lanes.depth()).toBe(0);
  });
});
