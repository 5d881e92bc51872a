import type Redis from 'ioredis';
import {
  MemoryObjectionStats,
  RedisObjectionStats,
  STATS_TTL_SECONDS,
  type ObjectionStats,
} from '../../../src/store/objection-stats';
import { deletePrefix, testPrefix, testRedis } from '../../helpers/redis';

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.UTC(2026, 2, 14, 12, 0, 0);

// The same behaviour from both implementations.
function behavesAsObjectionStats(name: string, make: () => ObjectionStats): void {
  describe(name, () => {
    it('should sum the counts of the last 7 and 30 days per team and objection', async () => {
      const stats = make();
      await stats.record('T1', 'objection.knows_nobody', NOW);
      await stats.record('T1', 'objection.knows_nobody', NOW - 6 * DAY);
      await stats.record('T1', 'objection.knows_nobody', NOW - 7 * DAY); // the 8th day back
      await stats.record('T1', 'objection.cv_focus', NOW - 29 * DAY);
      await stats.record('T1', 'objection.cv_focus', NOW - 30 * DAY); // the 31st day back
      await stats.record('T2', 'objection.knows_nobody', NOW); // another workspace
      expect(await stats.totals('T1', 7, NOW)).toEqual({ 'objection.knows_nobody': 2 });
      expect(await stats.totals('T1', 30, NOW)).toEqual({
        'objection.knows_nobody': 3,
        'objection.cv_focus': 1,
      });
      expect(await stats.totals('T3', 30, NOW)).toEqual({});
    });

    it('should count days in UTC, from midnight to midnight', async () => {
      const stats = make();
      const midnight = Date.UTC(2026, 2, 14);
      await stats.record('T4', 'objection.withdrawn', midnight - 1);
      await stats.record('T4', 'objection.withdrawn', midnight);
      expect(await stats.totals('T4', 1, midnight)).toEqual({ 'objection.withdrawn': 1 });
      expect(await stats.totals('T4', 2, midnight)).toEqual({ 'objection.withdrawn': 2 });
    });
  });
}

behavesAsObjectionStats('MemoryObjectionStats', () => new MemoryObjectionStats());

describe('RedisObjectionStats (real redis-server)', () => {
  const prefix = testPrefix('objection-stats');
  let redis: Redis;
  beforeAll(() => {
    redis = testRedis();
  });
  afterAll(async () => {
    await deletePrefix(redis, prefix);
    redis.disconnect();
  });

  behavesAsObjectionStats('shared behaviour', () => new RedisObjectionStats(redis, prefix));

  it('should keep one hash per team and day, with a time-to-live of 31 days', async () => {
    const stats = new RedisObjectionStats(redis, prefix);
    await stats.record('T5', 'objection.fear_of_rejection', NOW);
    await stats.record('T5', 'objection.fear_of_rejection', NOW);
    const key = stats.key('T5', '2026-03-14');
    expect(await redis.hgetall(key)).toEqual({ 'objection.fear_of_rejection': '2' });
    const ttl = await redis.ttl(key);
    expect(ttl).toBeGreaterThan(STATS_TTL_SECONDS - 60);
    expect(ttl).toBeLessThanOrEqual(31 * 24 * 60 * 60);
  });
});

describe('MemoryObjectionStats', () => {
  it('should drop days older than 31 days', async () => {
    const stats = new MemoryObjectionStats();
    await stats.record('T6', 'objection.not_for_me', NOW - 40 * DAY);
    await stats.record('T6', 'objection.not_for_me', NOW);
    expect(await stats.totals('T6', 60, NOW)).toEqual({ 'objection.not_for_me': 1 });
  });
});
