import type Redis from 'ioredis';
import type { ConversationState } from '../../../src/engine/state';
import { FakeTelegramApi } from '../../helpers/fake-telegram-api';
import { deletePrefix, testPrefix, testRedis } from '../../helpers/redis';
import { textUpdate, type Person } from '../../helpers/telegram-updates';
import { testEngine } from '../../helpers/test-engine';
import { containsKey } from '../../helpers/transcript';
import { startBot, type BotProcess } from './telegram-harness';

/** How many replies these messages get, one after another, from an engine of its own. */
async function expectedReplies(person: Person, texts: string[]): Promise<number> {
  const engine = testEngine();
  let count = 0;
  for (const text of texts) {
    const message = {
      channel: 'telegram' as const,
      userId: `telegram:${person.id}`,
      conversationId: `telegram:${person.id}`,
      locale: 'de',
    };
    const command = text === '/start' ? { command: 'start' as const } : { text };
    count += (await engine.handle({ ...message, ...command })).replies.length;
  }
  return count;
}

const CRISIS = 'Ich will nicht mehr leben.';
/** retry_after is scaled down in this file: Telegram's 30 s become 3 s here (RETRY_AFTER_SCALE). */
const RETRY_AFTER_SCALE = 0.1;

describe('Telegram replies through the outbox (fake Bot API, real Redis)', () => {
  const api = new FakeTelegramApi();
  const prefix = testPrefix('telegram-outbox');
  let apiRoot: string;
  let inspect: Redis;
  let bot: BotProcess;

  beforeAll(async () => {
    apiRoot = await api.start();
    inspect = testRedis();
    bot = await startBot(apiRoot, prefix, false, { retryAfterScale: RETRY_AFTER_SCALE });
  });

  afterAll(async () => {
    await bot.stop();
    await api.stop();
    await deletePrefix(inspect, prefix);
    inspect.disconnect();
  });

  const turnsOf = async (person: Person): Promise<number> =>
    (
      (await bot.store.read({
        userId: `telegram:${person.id}`,
        conversationId: `telegram:${person.id}`,
      })) as ConversationState | undefined
    )?.turns ?? 0;

  it('should honour a 429 retry_after of 30 (scaled to 3 s): the reply and a later crisis reply arrive after the wait, crisis first', async () => {
    const lena: Person = { id: 3001, first_name: 'Lena', language_code: 'de' };
    api.failNext({
      method: 'sendMessage',
      status: 429,
      description: 'Too Many Requests: retry after 30',
      parameters: { retry_after: 30 },
    });
    expect(await bot.postOnly(textUpdate(lena, 'Ich kenne niemanden.'))).toBe(200);
    await api.waitFor(() => api.callsOf('sendMessage', lena.id).length === 1);
    const limited = api.callsOf('sendMessage', lena.id)[0]?.at ?? 0;
    expect(await bot.postOnly(textUpdate(lena, CRISIS))).toBe(200);
    await api.waitFor(() => api.delivered(lena.id).length >= 2, 10_000);
    await bot.settle();
    const attempts = api.callsOf('sendMessage', lena.id);
    // Nothing was tried again before the wait was over …
    for (const attempt of attempts.slice(1))
      expect(attempt.at - limited).toBeGreaterThanOrEqual(2_900);
    // … then the crisis reply went first, and each reply arrived exactly once.
    const delivered = api.delivered(lena.id);
    expect(delivered[0]).toContain('0800 111 0 111');
    expect(containsKey(delivered.join('\n'), 'de-sie', 'knows_nobody.ack')).toBe(true);
    expect(delivered).toHaveLength(new Set(delivered).size);
    expect(attempts.filter((a) => a.status === 429)).toHaveLength(1);
  }, 20_000);

  it('should handle a chat’s next message while its first reply waits out 500s, and not hold up other chats', async () => {
    const mia: Person = { id: 3002, first_name: 'Mia', language_code: 'de' };
    const noah: Person = { id: 3003, first_name: 'Noah', language_code: 'de' };
    api.failAlways({ method: 'sendMessage', chatId: mia.id, answer: 500 });
    const started = Date.now();
    expect(await bot.postOnly(textUpdate(mia, 'Ich kenne niemanden.'))).toBe(200);
    expect(await bot.postOnly(textUpdate(mia, 'Die können mir eh nicht helfen.'))).toBe(200);
    expect(await bot.postOnly(textUpdate(noah, 'Ich kenne niemanden.'))).toBe(200);
    expect(Date.now() - started).toBeLessThan(1_000); // the webhook never waits for a send
    // Another chat is answered while Mia's replies wait; Mia's second message is handled meanwhile.
    await api.waitFor(() => api.delivered(noah.id).length >= 1);
    await api.waitFor(() => api.callsOf('sendMessage', mia.id).length >= 3, 10_000);
    expect(api.delivered(mia.id)).toHaveLength(0);
    expect(await turnsOf(mia)).toBe(2);
    api.recover();
    await api.waitFor(() => api.delivered(mia.id).length >= 2, 40_000);
    await bot.settle();
    const delivered = api.delivered(mia.id);
    expect(containsKey(delivered[0] ?? '', 'de-sie', 'knows_nobody.ack')).toBe(true);
    expect(delivered).toHaveLength(new Set(delivered).size);
  }, 60_000);

  it('should share one outbox between two instances and never send a reply twice', async () => {
    const second = await startBot(apiRoot, prefix, false, { retryAfterScale: RETRY_AFTER_SCALE });
    try {
      const people: Person[] = Array.from({ length: 10 }, (_, i) => ({
        id: 3100 + i,
        first_name: `P${i}`,
        language_code: 'de',
      }));
      // Every fifth send fails once with a reset connection, so retries land on either instance.
      let calls = 0;
      api.onCall = (call) =>
        call.method === 'sendMessage' && ++calls % 5 === 0
          ? { method: 'sendMessage', answer: 'reset' }
          : undefined;
      const texts = ['/start', 'Ich kenne niemanden.', 'nein', 'Ohne Vitamin B geht nichts.', 'ok'];
      await Promise.all(
        people.map(async (person, p) => {
          for (const [i, text] of texts.entries()) {
            await (i % 2 === p % 2 ? bot : second).postOnly(textUpdate(person, text));
          }
        }),
      );
      await Promise.all([bot.settle(), second.settle()]);
      await Promise.all([bot.settle(), second.settle()]);
      for (const person of people) {
        expect(await turnsOf(person)).toBe(texts.length);
        // Exactly as many replies reached the chat as the same messages get from a lone engine.
        expect(api.delivered(person.id)).toHaveLength(await expectedReplies(person, texts));
      }
    } finally {
      api.onCall = undefined;
      await second.stop();
    }
  }, 60_000);
});
