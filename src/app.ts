import type Redis from 'ioredis';
import { redisExposureWarning, type Config, type RedisConfig } from './config';
import { checkDataFiles } from './content/check-data-files';
import { DataFileError } from './content/data-file';
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
import { MemoryStore } from './store/memory-store';
import { acceptsWrites, createRedisClient, evictionWarning, openRedis } from './store/redis-client';
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
  /** Whether the state store takes writes (always true in memory). */
  storeReady(): Promise<boolean>;
  close(): Promise<void>;
}

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
 * The composition root of the core: builds classifiers, content, stores and
 * engine from the configuration. The one place where Redis or memory is chosen.
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
  const storage = config.redis ? await redisStorage(config, logger) : memoryStorage(config);
  const engine = new Engine({
    store: storage.store,
    classifiers,
    practiceClassifiers,
    answerClassifiers: classifiersOf(MODEL_SPECS.answers),
    content,
    ...(options.observe ? { observe: options.observe } : {}),
    onFailure: (failure) => logger.error({ event: 'turn_failed', ...failure }, 'turn failed'),
  });
  return { engine, classifiers, content, ...storage, close: () => storage.store.close() };
}

function loadModel(spec: ModelSpec, lang: Lang, options: AppOptions): IntentClassifier {
  if (options.models === 'trained') return loadTrainedClassifier(spec, lang);
  return loadClassifier(spec, lang, undefined, (reason) =>
    options.logger.warn({ event: 'model.training', model: `${spec.name}-${lang}` }, reason),
  );
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

async function redisStorage(config: Config, logger: Logger): Promise<Storage> {
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
  return {
    store: new RedisStore(redis, config.stateTtlSeconds),
    ledger: new RedisDeliveryLedger(redis),
    redis,
    storeReady: () => acceptsWrites(redis),
  };
}

// The setting that names where Redis is and how to log in.
function redisSetting(config: RedisConfig): string {
  if (config.clusterNodes) return 'REDIS_CLUSTER_NODES';
  if (config.sentinels) return 'REDIS_SENTINELS';
  return 'REDIS_URL';
}
