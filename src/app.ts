import type { Config } from './config';
import { loadContent } from './engine/content';
import { Engine } from './engine/engine';
import { LANGS, type Lang } from './nlu/intent-ids';
import type { IntentClassifier } from './nlu/intent-classifier';
import { loadClassifier } from './nlu/model-artifact';
import { MODEL_SPECS } from './nlu/model-spec';
import type { ConversationStore } from './store/conversation-store';
import { MemoryStore } from './store/memory-store';
import { connectRedis, createRedisClient } from './store/redis-client';
import { RedisStore } from './store/redis-store';

/** The assembled bot: engine and store, and how to shut them down. */
export interface App {
  engine: Engine;
  store: ConversationStore;
  close(): Promise<void>;
}

/**
 * The composition root: builds classifiers, content, store and engine from the
 * configuration. The one place where Redis or memory is chosen.
 */
export async function createApp(config: Config, warn: (message: string) => void): Promise<App> {
  const classifiers = Object.fromEntries(
    LANGS.map((lang) => [lang, loadClassifier(MODEL_SPECS.intents, lang, undefined, warn)]),
  ) as Record<Lang, IntentClassifier>;
  const store = await createStore(config, warn);
  const engine = new Engine({ store, classifiers, content: loadContent() });
  return { engine, store, close: () => store.close() };
}

async function createStore(
  config: Config,
  warn: (message: string) => void,
): Promise<ConversationStore> {
  if (!config.redisUrl) return new MemoryStore(config.stateTtlSeconds);
  const client = createRedisClient(config.redisUrl);
  if (!(await connectRedis(client))) {
    warn(
      'Redis does not answer yet; answering without state until it does (it reconnects by itself).',
    );
  }
  return new RedisStore(client, config.stateTtlSeconds);
}
