import type Redis from 'ioredis';
import { loadContent } from '../engine/content';
import { Engine } from '../engine/engine';
import type { IncomingMessage } from '../engine/types';
import { LANGS, type Lang } from '../nlu/intent-ids';
import type { IntentClassifier } from '../nlu/intent-classifier';
import { loadClassifier } from '../nlu/model-artifact';
import { MODEL_SPECS } from '../nlu/model-spec';
import type { ConversationStore } from '../store/conversation-store';
import { MemoryStore } from '../store/memory-store';
import { RedisStore } from '../store/redis-store';
import { percentile } from './percentile';

/** What a benchmarked user says, turn by turn: a whole flow with the count, answers and small talk. */
const SCRIPT: Partial<IncomingMessage>[] = [
  { command: 'start' },
  { text: 'Ich kenne niemanden, der mir helfen könnte.' },
  { choice: 'count_yes' },
  { text: '12' },
  { text: 'so ca. 20' },
  { text: 'weiter' },
  { text: 'zehn' },
  { text: 'fertig' },
  { text: 'Meine alte Kollegin vielleicht.' },
  { choice: 'agree' },
  { choice: 'pitch_no' },
  { text: 'Ohne Vitamin B kriegt man doch gar keinen Job mehr.' },
  { text: 'Über einen Freund aus dem Verein.' },
  { text: 'Ich könnte wieder hingehen.' },
  { text: 'ja' },
  { text: 'nein danke' },
  { text: 'Danke, das hat geholfen!' },
  { text: 'Wie wird das Wetter morgen?' },
  { text: 'Ich trau mich nicht, die Leute zu belästigen.' },
  { text: 'Tschüss!' },
];

/** Figures of one run. */
export interface EngineBenchResult {
  messages: number;
  perSecond: number;
  /** Latency per message with all conversations at once: includes waiting behind the others. */
  loadedP50Ms: number;
  loadedP99Ms: number;
  /** Latency per message one at a time: the engine's own work (and the store's round trips). */
  p50Ms: number;
  p99Ms: number;
  peakRssMb: number;
}

/** The classifiers, loaded once for every run. */
export function benchClassifiers(): Record<Lang, IntentClassifier> {
  return Object.fromEntries(
    LANGS.map((lang) => [lang, loadClassifier(MODEL_SPECS.intents, lang)]),
  ) as Record<Lang, IntentClassifier>;
}

/**
 * Runs `conversations` conversations at once, each through the script's turns
 * in order (as a chat would), and measures every message.
 */
export async function benchEngine(
  store: ConversationStore,
  classifiers: Record<Lang, IntentClassifier>,
  conversations = 200,
): Promise<EngineBenchResult> {
  const engine = new Engine({ store, classifiers, content: loadContent() });
  const latencies: number[] = [];
  const run = async (n: number): Promise<void> => {
    const id = `bench:${n}`;
    for (const turn of SCRIPT) {
      const started = process.hrtime.bigint();
      await engine.handle({ channel: 'telegram', conversationId: id, userId: id, ...turn });
      latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
  };
  // Warm up (JIT, caches) as a running server would be, then measure afresh.
  await Promise.all(Array.from({ length: 20 }, (_, n) => run(-1 - n)));
  latencies.length = 0;
  const started = process.hrtime.bigint();
  await Promise.all(Array.from({ length: conversations }, (_, n) => run(n)));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const loaded = latencies.splice(0);
  for (let n = 0; n < 50; n++) await run(conversations + n);
  return {
    messages: loaded.length,
    perSecond: loaded.length / seconds,
    loadedP50Ms: percentile(loaded, 50),
    loadedP99Ms: percentile(loaded, 99),
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
}

/** The raw GET rate of this machine's Redis with the same concurrency: the ceiling for the engine. */
export async function benchRawGets(
  redis: Redis,
  concurrency = 200,
  perLoop = 100,
): Promise<number> {
  await redis.set('tueroeffner-bench:raw', 'x', 'EX', 60);
  const loop = async (): Promise<void> => {
    for (let i = 0; i < perLoop; i++) await redis.get('tueroeffner-bench:raw');
  };
  const started = process.hrtime.bigint();
  await Promise.all(Array.from({ length: concurrency }, loop));
  return (concurrency * perLoop) / (Number(process.hrtime.bigint() - started) / 1e9);
}

/** The in-memory and the Redis store for the benchmark. */
export function benchStores(
  redis: Redis | undefined,
): { name: string; store: ConversationStore }[] {
  const stores: { name: string; store: ConversationStore }[] = [
    { name: 'memory', store: new MemoryStore() },
  ];
  if (redis)
    stores.push({
      name: 'redis',
      store: new RedisStore(redis, 300, `tueroeffner-bench:${process.pid}`),
    });
  return stores;
}
