import type Redis from 'ioredis';
import { redisExposureWarning, type Config, type RedisConfig } from './config';
import { checkDataFiles } from './content/check-data-files';
import { DataFileError } from './content/data-file';
import { Deliveries } from './delivery/deliveries';
import { ErasingStore } from './delivery/erasing-store';
import type { Lanes } from './delivery/lanes';
import { MemoryLanes } from './delivery/memory-lanes';
import { platformRates } from './delivery/platform-rates';
import { RedisLanes } from './delivery/redis-lanes';
import { loadContent, type Content } from './engine/content';
import { validateContent } from './engine/validate-content';
import { Engine } from './engine/engine';
import type { TurnEvent } from './engine/types';
import { StartupRefusedError } from './errors';
import { LANGS, type Lang } from './nlu/intent-ids';
import type { IntentClassifier } from './nlu/intent-classifier';
import { loadClassifier, loadTrainedClassifier } from './nlu/model-artifact';
import { MODEL_SPECS, type ModelSpec } from './nlu/model-spec';
import type { Logger } from './observability/logger';
import type { ConversationStore } from './store/conversation-store';
import {
  MemoryDeliveryLedger,
  RedisDeliveryLedger,
  type DeliveryLedger,
} from './store/delivery-ledger';
import { DEFAULT_KEY_SECRET, KeyHasher } from './store/key-hasher';
import { MemoryStore } from './store/memory-store';
import { acceptsWrites, createRedisClient, evictionWarning, openRedis } from './store/redis-client';
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
  /** Whether the state store takes writes (always true in memory). */
  storeReady(): Promise<boolean>;
  /** Stops the pipeline (replies queued only in memory get up to `drainMs`, at most 3 s) and the store. */
  close(drainMs?: number): Promise<void>;
}

const KEY_PREFIX = 'tueroeffner';
/** How long a shutdown waits for replies that are queued only in memory. */
const MEMORY_DRAIN_MS = 3_000;

/** How the core reports and which models it accepts. */
export interface AppOptions {
  logger: Logger;
  observe?: (event: TurnEvent) => void;
  /**
   * `trained`: only models the install step built; a missing or stale one is
   * refused (serve). `train`: such a model is trained once first (chat, tools).
   */
  models: 'trained' | 'train';
}

/**
 * The composition root of the core: builds classifiers, content, stores,
 * the delivery pipeline and the engine from the configuration. The one place
 * where Redis or memory is chosen.
 */
export async function createApp(config: Config, options: AppOptions): Promise<App> {
  const { logger } = options;
  // A start with invalid data fails with the whole list, as `tueroeffner validate` prints it.
  const fileProblems = checkDataFiles();
  if (fileProblems.length) throw new DataFileError(fileProblems);
  const content = loadContent();
  const contentProblems = validateContent(content);
  if (contentProblems.length) throw new DataFileError(contentProblems);
  const classifiersOf = (spec: ModelSpec) =>
    Object.fromEntries(LANGS.map((lang) => [lang, loadModel(spec, lang, options)])) as Record<
      Lang,
      IntentClassifier
    >;
  const classifiers = classifiersOf(MODEL_SPECS.intents);
  const practiceClassifiers = classifiersOf(MODEL_SPECS.practice);
  const hasher = new KeyHasher(config.keySecret ?? DEFAULT_KEY_SECRET);
  const storage = config.redis ? await redisStorage(config, hasher, logger) : memoryStorage(config);
  const deliveries = new Deliveries({
    ...storage.lanes,
    hasher,
    logger,
    // A chat that blocked the bot (403): its state, its queued replies, its remembered crises.
    forgetUser: (userId: string): Promise<void> => engine.forgetUser(userId),
    retryAfterScale: config.delivery.retryAfterScale,
  });
  const store = new ErasingStore(storage.store, (userId) => deliveries.forgetUser(userId));
  const engine: Engine = new Engine({
    store,
    classifiers,
    practiceClassifiers,
    answerClassifiers: classifiersOf(MODEL_SPECS.answers),
    content,
    ...(options.observe ? { observe: options.observe } : {}),
    onFailure: (failure) => logger.error({ event: 'turn_failed', ...failure }, 'turn failed'),
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
    close: async (drainMs = MEMORY_DRAIN_MS) => {
      // Replies queued only in memory get a moment to go out (the shutdown limit is 5 s).
      await deliveries.stop(Math.min(drainMs, MEMORY_DRAIN_MS));
      await store.close();
    },
  };
}

function loadModel(spec: ModelSpec, lang: Lang, options: AppOptions): IntentClassifier {
  if (options.models === 'trained') return loadTrainedClassifier(spec, lang);
  return loadClassifier(spec, lang, undefined, (reason) =>
    options.logger.warn({ event: 'model.training', model: `${spec.name}-${lang}` }, reason),
  );
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

async function redisStorage(config: Config, hasher: KeyHasher, logger: Logger): Promise<Storage> {
  const exposure = redisExposureWarning(config);
  if (exposure) logger.warn({ event: 'redis.insecure' }, exposure);
  const target = config.redis ?? {};
  const redis = createRedisClient(target);
  redis.on('reconnecting', (delayMs: number) =>
    logger.info({ event: 'redis.reconnecting', delayMs }, 'Redis does not answer; retrying'),
  );
  const connection = await openRedis(redis);
  if (connection.state === 'refused') {
    redis.disconnect();
    const setting = redisSetting(target);
    // Wrong credentials never heal by reconnecting: say so and stop, instead of retrying forever.
    throw new StartupRefusedError(
      setting,
      `Redis refused the credentials (${connection.reply}): check the password or ACL user in ${setting}`,
    );
  }
  if (connection.state === 'unreachable') {
    logger.warn(
      { event: 'redis.unreachable' },
      'Redis does not answer yet; answering without state until it does (it reconnects by itself)',
    );
  }
  const eviction = await evictionWarning(redis);
  if (eviction) logger.warn({ event: 'redis.eviction_policy' }, eviction);
  if (!config.keySecret) {
    logger.warn(
      { event: 'redis.key_secret' },
      'REDIS_KEY_SECRET is not set: Redis key names use a built-in secret; set your own.',
    );
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
    storeReady: () => acceptsWrites(redis),
  };
}

function memoryLanes(config: Config): { inbox: Lanes<never>; outbox: Lanes<never> } {
  const { leaseMs, rateScale } = config.delivery;
  return {
    inbox: new MemoryLanes(leaseMs),
    outbox: new MemoryLanes(leaseMs, platformRates(rateScale)),
  };
}

// The setting that names where Redis is and how to log in.
function redisSetting(config: RedisConfig): string {
  if (config.clusterNodes) return 'REDIS_CLUSTER_NODES';
  if (config.sentinels) return 'REDIS_SENTINELS';
  return 'REDIS_URL';
}
