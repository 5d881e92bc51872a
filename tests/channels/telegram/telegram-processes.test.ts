import type Redis from 'ioredis';
import type { ConversationState } from '../../../src/engine/state';
import { FakeTelegramApi } from '../../helpers/fake-telegram-api';
import { deletePrefix, testPrefix, testRedis } from '../../helpers/redis';
import { textUpdate, type Person } from '../../helpers/telegram-updates';
import { containsKey } from '../../helpers/transcript';
import { startBot } from './telegram-harness';

describe('Telegram across processes and in polling mode', () => {
  const api = new FakeTelegramApi();
  const prefix = testPrefix('telegram-processes');
  let apiRoot: string;
  let inspect: Redis;

  beforeAll(async () => {
    apiRoot = await api.start();
    inspect = testRedis();
  });

  afterAll(async () => {
    await api.stop();
    await deletePrefix(inspect, prefix);
    inspect.disconnect();
  });

  it('should lose no state change when 100 updates of one chat are spread over two bot processes', async () => {
    const [first, second] = await Promise.all([
      startBot(apiRoot, prefix),
      startBot(apiRoot, prefix),
    ]);
    const lea: Person = { id: 2001, first_name: 'Lea', language_code: 'de' };
    // Every message counts once in the conversation's turn count.
    const updates = Array.from({ length: 100 }, () => textUpdate(lea, 'Ich kenne niemanden.'));
    const statuses = await Promise.all(
      updates.map((update, i) => (i % 2 ? first : second).post(update)),
    );
    expect(statuses.every((status) => status === 200)).toBe(true);
    const state = (await first.store.read({
      userId: 'telegram:2001',
      conversationId: 'telegram:2001',
    })) as ConversationState;
    expect(state.turns).toBe(100);
    expect(api.textsTo(lea.id)).toHaveLength(100);
    await Promise.all([first.stop(), second.stop()]);
  }, 60_000);

  it('should fetch updates by long polling and answer them', async () => {
    const bot = await startBot(apiRoot, prefix, true);
    expect(api.callsOf('deleteWebhook').length).toBeGreaterThan(0);
    const max: Person = { id: 2002, first_name: 'Max', language_code: 'de' };
    api.queueUpdate(textUpdate(max, '/start'));
    api.queueUpdate(textUpdate(max, 'Ich trau mich nicht, die Leute zu belästigen.'));
    await api.waitFor(() => api.textsTo(max.id).length >= 2);
    expect(containsKey(api.textsTo(max.id)[0] ?? '', 'de-sie', 'welcome')).toBe(true);
    expect(containsKey(api.textsTo(max.id)[1] ?? '', 'de-sie', 'afraid_to_bother.ack')).toBe(true);
    await bot.stop();
  }, 30_000);
});
