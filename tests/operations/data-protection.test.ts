import { callbackUpdate, textUpdate, type Person } from '../helpers/telegram-updates';
import { useTelegramTestBed } from '../channels/telegram/telegram-harness';

describe('data protection in Redis', () => {
  const bed = useTelegramTestBed('data-protection');
  const api = bed.api;
  const olga: Person = { id: 4001, first_name: 'Olga', language_code: 'de' };
  const bot = { post: (update: unknown) => bed.bot().post(update) };

  it('should give every key a time-to-live after a full conversation, and store no message text', async () => {
    const canary = 'KANARIENVOGEL-4711';
    await bot.post(textUpdate(olga, '/start'));
    await bot.post(textUpdate(olga, `Ich kenne niemanden, ehrlich ${canary}.`));
    const offer = api.callsOf('sendMessage', olga.id).at(-1);
    await bot.post(
      callbackUpdate(olga, 100 + api.callsOf('sendMessage').indexOf(offer as never), 'count_yes'),
    );
    await bot.post(textUpdate(olga, `12 ${canary}`));
    await bot.post(textUpdate(olga, 'fertig'));
    await bot.post(textUpdate(olga, `Meine Kollegin ${canary}`));
    await bot.post(textUpdate(olga, '/ueben'));
    const inspect = bed.inspect();
    const keys = await inspect.keys(`${bed.prefix}:*`);
    expect(keys.length).toBeGreaterThanOrEqual(4);
    for (const key of keys) {
      expect([key, (await inspect.pttl(key)) > 0]).toEqual([key, true]);
      const type = await inspect.type(key);
      const dump =
        type === 'hash'
          ? JSON.stringify(await inspect.hgetall(key))
          : type === 'set'
            ? JSON.stringify(await inspect.smembers(key))
            : String(await inspect.get(key));
      expect(dump).not.toContain(canary);
    }
  });
});
