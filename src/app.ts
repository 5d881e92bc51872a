import type Redis from 'ioredis';
import type { Config } from './config';
import { Deliveries } from './delivery/deliveries';
import { ErasingStore } from './delivery/erasing-store';
import type { Lanes } from './delivery/lanes';
import { MemoryLanes } from './delivery/memory-lanes';
import { platformRates } from './delivery/platform-rates';
import { RedisLanes } from './delivery/redis-lanes';
import { loadContent, type Content } from './engine/content';
import { Engine } from './engine/engine';
import type { TurnEvent } from './engine/types';
import { LANGS, type Lang } from './nlu/intent-ids';
import type { IntentClassifier } from './nlu/intent-classifier';
import { loadClassifier } from './nlu/model-artifact';
import { MODEL_SPECS, type ModelSpec } from './nlu/model-spec';
import type { Logger } from './observability/logger';
import { silentLogger } from './observability/logger';
import type { ConversationStore } from './store/conversation-store';
import {
  MemoryDeliveryLedger,
  RedisDeliveryLedger,
  type DeliveryLedger,
} from './store/delivery-ledger';
import { DEFAULT_KEY_SECRET, KeyHasher } from './store/key-hasher';
import { MemoryStore } from './store/memory-store';
import { connectRedis, createRedisClient, evictionWarning } from './store/redis-client';
import { RedisStore } from './store/redis-store';

/** The assembled bot core: engine, stores, the delivery pipeline, and how to check and close them. */
export interface App {
  engine: Engine;
  /** The classifiers, for tools that analyse a text without a conversation (Slack's /einwand). */
  classifiers: Record<Lang, IntentClassifier>;
  content: Content;
  /** The state store; its forgetUser also removes the user's queued replies. */
  store: ConversationStore;
  ledger: DeliveryLedger;
  /** The inbox and outbox the channels record updates in and queue replies to. */
  deliveries: Deliveries;
  /** The Redis client when state lives in Redis (for stores of other data, such as statistics). */
  redis?: Redis;
  /** Whether the state store answers (always true in memory). */
  storeReady(): Promise<boolean>;
  close(): Promise<void>;
}

const KEY_PREFIX = 'tueroeffner';
/** How long a shutdown waits for replies that are queued only in memory. */
const MEMORY_DRAIN_MS = 3_000;

/**
 * The composition root of the core: builds classifiers, content, stores,
 * the delivery pipeline and the engine from the configuration. The one place
 * where Redis or memory is chosen.
 */
export async function createApp(
  config: Config,
  warn: (message: string) => void,
  observe?: (event: TurnEvent) => void,
  logger: Logger = silentLogger(),
): Promise<App> {
  const classifiersOf = (spec: ModelSpec) =>
    Object.fromEntries(
      LANGS.map((lang) => [lang, loadClassifier(spec, lang, undefined, warn)]),
    ) as Record<Lang, IntentClassifier>;
  const classifiers = classifiersOf(MODEL_SPECS.intents);
  const content = loadContent();
  const hasher = new KeyHasher(config.keySecret ?? DEFAULT_KEY_SECRET);
  const storage = config.redis ? await redisStorage(config, hasher, warn) : memoryStorage(config);
  const deliveries = new Deliveries({
    ...storage.lanes,
    hasher,
    logger,
    forgetUser: (userId) => storage.store.forgetUser(userId),
    retryAfterScale: config.delivery.retryAfterScale,
  });
  const store = new ErasingStore(storage.store, (userId) => deliveries.forgetUser(userId));
  const engine = new Engine({
    store,
    classifiers,
    practiceClassifiers: classifiersOf(MODEL_SPECS.practice),
    content,
    ...(observe ? { observe } : {}),
  });
  return {
    engine,
    classifiers,
    content,
    store,
    deliveries,
    ledger: storage.ledger,
    ...(storage.redis ? { redis: storage.redis } : {}),
    storeReady: storage.storeReady,
    close: async () => {
      // Replies queued only in memory get a moment to go out (the shutdown limit is 5 s).
      await deliveries.stop(MEMORY_DRAIN_MS);
      await store.close();
    },
  };
}

interface Storage {
  store: ConversationStore;
  ledger: DeliveryLedger;
  lanes: Pick<ConstructorParameters<typeof Deliveries>[0], 'inbox' | 'outbox' | 'fallback'>;
  redis?: Redis;
  storeReady(): Promise<boolean>;
}

// Without Redis: state, claims, inbox and outbox in this process (one process only).
function memoryStorage(config: Config): Storage {
  return {
    store: new MemoryStore(config.stateTtlSeconds),
    ledger: new MemoryDeliveryLedger(),
    lanes: memoryLanes(config),
    storeReady: async () => true,
  };
}

async function redisStorage(
  config: Config,
  hasher: KeyHasher,
  warn: (message: string) => void,
): Promise<Storage> {
  const redis = createRedisClient(config.redis ?? {});
  if (!(await connectRedis(redis))) {
    warn(
      'Redis does not answer yet; answering without state until it does (it reconnects by itself).',
    );
  }
  const eviction = await evictionWarning(redis);
  if (eviction) warn(eviction);
  if (!config.keySecret) {
    warn('REDIS_KEY_SECRET is not set: Redis key names use a built-in secret; set your own.');
  }
  const { leaseMs, rateScale } = config.delivery;
  const lanes = (name: string, rated: boolean): Lanes<never> =>
    new RedisLanes({
      redis,
      prefix: KEY_PREFIX,
      name,
      leaseMs,
      ...(rated ? { rates: platformRates(rateScale) } : {}),
    });
  return {
    store: new RedisStore(redis, config.stateTtlSeconds, KEY_PREFIX, hasher),
    ledger: new RedisDeliveryLedger(redis, KEY_PREFIX, undefined, hasher),
    lanes: { inbox: lanes('in', false), outbox: lanes('out', true), fallback: memoryLanes(config) },
    redis,
    storeReady: () => ping(redis),
  };
}

function memoryLanes(config: Config): { inbox: Lanes<never>; outbox: Lanes<never> } {
  const { leaseMs, rateScale } = config.delivery;
  return {
    inbox: new MemoryLanes(leaseMs),
    outbox: new MemoryLanes(leaseMs, platformRates(rateScale)),
  };
}

async function ping(redis: Redis): Promise<boolean> {
  try {
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  }
}
