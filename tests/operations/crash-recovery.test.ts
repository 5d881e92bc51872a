import type Redis from 'ioredis';
import type { ConversationState } from '../../src/engine/state';
import { KeyHasher } from '../../src/store/key-hasher';
import { connectRedis, createRedisClient } from '../../src/store/redis-client';
import { RedisStore } from '../../src/store/redis-store';
import { FakeTelegramApi } from '../helpers/fake-telegram-api';
import { freePort, OwnRedisServer } from '../helpers/redis-server';
import { ServeProcess } from '../helpers/serve-process';
import { testEngine } from '../helpers/test-engine';
import { textUpdate, type Person } from '../helpers/telegram-updates';

const SECRET = 'crash_test_secret';
const KEY_SECRET = 'crash-test-key-secret-0123';
const TEXTS = ['Ich kenne niemanden.', 'nein', 'Die können mir doch nicht helfen.'];

/** How many replies the messages get from an engine of its own (the reference). */
async function expectedReplies(person: Person): Promise<number> {
  const engine = testEngine();
  const ids = { userId: `telegram:${person.id}`, conversationId: `telegram:${person.id}` };
  let count = 0;
  for (const text of TEXTS) {
    count += (await engine.handle({ channel: 'telegram', ...ids, locale: 'de', text })).replies
      .length;
  }
  return count;
}

describe('SIGKILL in the middle of handling: every update answered exactly once after a restart', () => {
  const api = new FakeTelegramApi();
  let redis: OwnRedisServer;
  let inspect: Redis;
  let store: RedisStore;
  let apiRoot: string;

  beforeAll(async () => {
    redis = new OwnRedisServer(await freePort());
    await redis.start();
    inspect = createRedisClient(redis.url);
    expect(await connectRedis(inspect)).toBe(true);
    store = new RedisStore(inspect, 600, 'tueroeffner', new KeyHasher(KEY_SECRET));
    apiRoot = await api.start();
  });

  afterAll(async () => {
    inspect.disconnect();
    await api.stop();
    await redis.stop();
  });

  const env = async (webhook: boolean) => {
    const port = await freePort();
    return {
      port,
      env: {
        PORT: String(port),
        REDIS_URL: redis.url,
        REDIS_KEY_SECRET: KEY_SECRET,
        DELIVERY_LEASE_SECONDS: '1',
        TELEGRAM_BOT_TOKEN: '123456:CRASH-test',
        TELEGRAM_API_ROOT: apiRoot,
        ...(webhook
          ? {
              TELEGRAM_WEBHOOK_URL: `http://127.0.0.1:${port}/telegram/webhook`,
              TELEGRAM_WEBHOOK_SECRET: SECRET,
            }
          : { TELEGRAM_WEBHOOK_URL: '', TELEGRAM_WEBHOOK_SECRET: '' }),
        LOG_LEVEL: 'warn',
      },
    };
  };

  // Done means: no lane holds an entry any more (entries leave a lane only when handled or sent).
  const drained = async (): Promise<void> => {
    for (let i = 0; i < 600; i++) {
      if (!(await inspect.keys('tueroeffner:{q}:*:lane:*')).length) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('the inbox and outbox did not drain');
  };

  const expectExactlyOnce = async (people: Person[]): Promise<void> => {
    for (const person of people) {
      const state = (await store.read({
        userId: `telegram:${person.id}`,
        conversationId: `telegram:${person.id}`,
      })) as ConversationState;
      expect([person.id, state.turns]).toEqual([person.id, TEXTS.length]);
      expect([person.id, api.delivered(person.id).length]).toEqual([
        person.id,
        await expectedReplies(person),
      ]);
    }
  };

  it('webhook: updates acknowledged, then the process killed; the next process answers each once', async () => {
    const people = Array.from({ length: 20 }, (_, i) => ({
      id: 8100 + i,
      first_name: `W${i}`,
      language_code: 'de',
    }));
    // The Bot API is down, so replies pile up in the outbox and nothing is half-sent at the kill.
    api.failAlways({ method: 'sendMessage', answer: 503 });
    const { port, env: settings } = await env(true);
    const first = new ServeProcess(settings, port, SECRET);
    await first.start();
    await Promise.all(
      people.map(async (person) => {
        for (const text of TEXTS) expect(await first.post(textUpdate(person, text))).toBe(200);
      }),
    );
    await first.kill();
    api.recover();
    const second = new ServeProcess(settings, port, SECRET);
    await second.start();
    await drained();
    await expectExactlyOnce(people);
    await second.terminate();
  }, 90_000);

  it('long polling: updates fetched, then the process killed; nothing is lost or answered twice', async () => {
    const people = Array.from({ length: 20 }, (_, i) => ({
      id: 8200 + i,
      first_name: `P${i}`,
      language_code: 'de',
    }));
    api.failAlways({ method: 'sendMessage', answer: 503 });
    for (const person of people)
      for (const text of TEXTS) api.queueUpdate(textUpdate(person, text));
    const { port, env: settings } = await env(false);
    const first = new ServeProcess(settings, port);
    await first.start();
    // Killed while it works: some updates handled, some only recorded, replies queued.
    await api.waitFor(() => api.callsOf('sendMessage').length >= 30, 20_000);
    await first.kill();
    api.recover();
    const second = new ServeProcess(settings, port);
    await second.start();
    await api.waitFor(() => people.every((p) => api.delivered(p.id).length > 0), 30_000);
    await drained();
    await expectExactlyOnce(people);
    await second.terminate();
  }, 90_000);
});
