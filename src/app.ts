import type Redis from 'ioredis';
import type { Config } from './config';
import { loadContent, type Content } from './engine/content';
import { Engine } from './engine/engine';
import type { TurnEvent } from './engine/types';
import { LANGS, type Lang } from './nlu/intent-ids';
import type { IntentClassifier } from './nlu/intent-classifier';
import { loadClassifier } from './nlu/model-artifact';
import { MODEL_SPECS, type ModelSpec } from './nlu/model-spec';
import type { ConversationStore } from './store/conversation-store';
import {
  MemoryDeliveryLedger,
  RedisDeliveryLedger,
  type DeliveryLedger,
} from './store/delivery-ledger';
import { MemoryStore } from './store/memory-store';
import { connectRedis, createRedisClient, evictionWarning } from './store/redis-client';
import { RedisStore } from './store/redis-store';

/** The assembled bot core: engine, stores, and how to check and close them. */
export interface App {
  engine: Engine;
  /** The classifiers, for tools that analyse a text without a conversation (Slack's /einwand). */
  classifiers: Record<Lang, IntentClassifier>;
  content: Content;
  store: ConversationStore;
  ledger: DeliveryLedger;
  /** The Redis client when state lives in Redis (for stores of other data, such as statistics). */
  redis?: Redis;
  /** Whether the state store answers (always true in memory). */
  storeReady(): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * The composition root of the core: builds classifiers, content, stores and
 * engine from the configuration. The one place where Redis or memory is chosen.
 */
export async function createApp(
  config: Config,
  warn: (message: string) => void,
  observe?: (event: TurnEvent) => void,
): Promise<App> {
  const classifiersOf = (spec: ModelSpec) =>
    Object.fromEntries(
      LANGS.map((lang) => [lang, loadClassifier(spec, lang, undefined, warn)]),
    ) as Record<Lang, IntentClassifier>;
  const classifiers = classifiersOf(MODEL_SPECS.intents);
  const content = loadContent();
  const storage = config.redis ? await redisStorage(config, warn) : memoryStorage(config);
  const engine = new Engine({
    store: storage.store,
    classifiers,
    practiceClassifiers: classifiersOf(MODEL_SPECS.practice),
    answerClassifiers: classifiersOf(MODEL_SPECS.answers),
    content,
    ...(observe ? { observe } : {}),
  });
  return { engine, classifiers, content, ...storage, close: () => storage.store.close() };
}

type Storage = Pick<App, 'store' | 'ledger' | 'redis' | 'storeReady'>;

// Without Redis: state and delivery claims in this process (one process only).
function memoryStorage(config: Config): Storage {
  return {
    store: new MemoryStore(config.stateTtlSeconds),
    ledger: new MemoryDeliveryLedger(),
    storeReady: async () => true,
  };
}

async function redisStorage(config: Config, warn: (message: string) => void): Promise<Storage> {
  const redis = createRedisClient(config.redis ?? {});
  if (!(await connectRedis(redis))) {
    warn(
      'Redis does not answer yet; answering without state until it does (it reconnects by itself).',
    );
  }
  const eviction = await evictionWarning(redis);
  if (eviction) warn(eviction);
  return {
    store: new RedisStore(redis, config.stateTtlSeconds),
    ledger: new RedisDeliveryLedger(redis),
    redis,
    storeReady: () => ping(redis),
  };
}

async function ping(redis: Redis): Promise<boolean> {
  try {
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  }
}
