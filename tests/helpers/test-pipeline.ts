import type Redis from 'ioredis';
import { Deliveries } from '../../src/delivery/deliveries';
import { ErasingStore } from '../../src/delivery/erasing-store';
import { MemoryLanes } from '../../src/delivery/memory-lanes';
import { platformRates } from '../../src/delivery/platform-rates';
import type { Lanes } from '../../src/delivery/lanes';
import { QueueUncertainError, RedisLanes } from '../../src/delivery/redis-lanes';
import type { Engine } from '../../src/engine/engine';
import { silentLogger, type Logger } from '../../src/observability/logger';
import { KeyHasher } from '../../src/store/key-hasher';
import { MemoryDeliveryLedger, RedisDeliveryLedger } from '../../src/store/delivery-ledger';
import type { ConversationStore } from '../../src/store/conversation-store';
import { MemoryStore } from '../../src/store/memory-store';
import { RedisStore } from '../../src/store/redis-store';
import { testEngine } from './test-engine';

/** The secret the tests' key hashes use. */
export const TEST_KEY_SECRET = 'test-key-secret-0123456789';

/** A bot core on a real Redis under a test prefix: store, claims, inbox and outbox, engine. */
export interface TestPipeline {
  hasher: KeyHasher;
  redisStore: RedisStore;
  store: ErasingStore;
  ledger: RedisDeliveryLedger;
  deliveries: Deliveries;
  engine: Engine;
}

/** Options of a test pipeline: lease, retry_after scale, send rate scale, logger. */
export interface PipelineOptions {
  /** The first n outbox pushes fail as if Redis had timed out (it may or may not have them). */
  failingOutboxPushes?: number;
  leaseMs?: number;
  retryAfterScale?: number;
  rateScale?: number;
  logger?: Logger;
}

/** Builds the pipeline the way the app does (src/app.ts), under `prefix`. */
export function testPipeline(
  redis: Redis,
  prefix: string,
  options: PipelineOptions = {},
): TestPipeline {
  const hasher = new KeyHasher(TEST_KEY_SECRET);
  const leaseMs = options.leaseMs ?? 5_000;
  const rates = platformRates(options.rateScale ?? 100);
  const redisStore = new RedisStore(redis, 600, prefix, hasher);
  const deliveries = new Deliveries({
    inbox: new RedisLanes({ redis, prefix, name: 'in', leaseMs }),
    outbox: failingPushes(
      new RedisLanes({ redis, prefix, name: 'out', leaseMs, rates }),
      options.failingOutboxPushes ?? 0,
    ),
    fallback: { inbox: new MemoryLanes(leaseMs), outbox: new MemoryLanes(leaseMs, rates) },
    hasher,
    logger: options.logger ?? silentLogger(),
    forgetUser: (userId) => redisStore.forgetUser(userId),
    retryAfterScale: options.retryAfterScale ?? 1,
  });
  const store = new ErasingStore(redisStore, (userId) => deliveries.forgetUser(userId));
  return {
    hasher,
    redisStore,
    store,
    ledger: new RedisDeliveryLedger(redis, prefix, undefined, hasher),
    deliveries,
    engine: testEngine(store),
  };
}

// Lanes whose first pushes fail with "Redis may have it" (a timeout), without queueing anything.
function failingPushes<T>(lanes: Lanes<T>, failures: number): Lanes<T> {
  let left = failures;
  return Object.assign(Object.create(lanes) as Lanes<T>, {
    push: (request: Parameters<Lanes<T>['push']>[0]) => {
      if (left-- > 0) return Promise.reject(new QueueUncertainError('Redis: Command timed out'));
      return lanes.push(request);
    },
  });
}

/** A bot core in this process only (no Redis), the way the app builds it without REDIS_URL. */
export interface MemoryPipeline {
  store: ErasingStore;
  ledger: MemoryDeliveryLedger;
  deliveries: Deliveries;
  engine: Engine;
}

/** Builds an in-memory pipeline around `store` (already filled, if the test wants a state). */
export function memoryPipeline(store: ConversationStore = new MemoryStore()): MemoryPipeline {
  const rates = platformRates(100);
  const deliveries: Deliveries = new Deliveries({
    inbox: new MemoryLanes(5_000),
    outbox: new MemoryLanes(5_000, rates),
    hasher: new KeyHasher(TEST_KEY_SECRET),
    logger: silentLogger(),
    forgetUser: (userId) => erasing.forgetUser(userId),
  });
  const erasing = new ErasingStore(store, (userId) => deliveries.forgetUser(userId));
  return {
    store: erasing,
    ledger: new MemoryDeliveryLedger(),
    deliveries,
    engine: testEngine(erasing),
  };
}
