import type Redis from 'ioredis';
import { useTelegramTestBed } from '../channels/telegram/telegram-harness';
import {
  callbackUpdate,
  membershipUpdate,
  textUpdate,
  type Person,
} from '../helpers/telegram-updates';
import { containsKey } from '../helpers/transcript';

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
      // -1 is a key without a time-to-live; -2 a key gone since KEYS listed it (the outbox
      // forgets an empty lane's schedule once its send rate has recovered), which is fine.
      const ttl = await inspect.pttl(key);
      expect([key, ttl > 0 || ttl === -2]).toEqual([key, true]);
      // Handled updates leave the inbox: no text stays, and no key is named by the raw chat id.
      expect(await dumpOf(inspect, key)).not.toContain(canary);
      expect(key).not.toContain(String(olga.id));
    }
  });

  it('should leave no key naming the user, by raw id or by hash, once "vergessen" is answered', async () => {
    const paul: Person = { id: 4002, first_name: 'Paul', language_code: 'de' };
    await bot.post(textUpdate(paul, 'Ich kenne niemanden.'));
    const offer = api.callsOf('sendMessage', paul.id).at(-1);
    await bot.post(
      callbackUpdate(paul, 100 + api.callsOf('sendMessage').indexOf(offer as never), 'count_yes'),
    );
    const inspect = bed.inspect();
    const tag = bed.bot().userTag(paul.id);
    expect(await inspect.keys(`${bed.prefix}:*${tag}*`)).not.toHaveLength(0);
    await bot.post(textUpdate(paul, '/vergessen'));
    expect(containsKey(api.textsTo(paul.id).at(-1) ?? '', 'de-sie', 'forget_done')).toBe(true);
    const left: string[] = [];
    for (const key of await inspect.keys(`${bed.prefix}:*`)) {
      const named = key.includes(String(paul.id)) || key.includes(tag);
      const holds = (await dumpOf(inspect, key)).includes(String(paul.id));
      if (named || holds) left.push(key);
    }
    expect(left).toEqual([]);
  });

  it('should delete the state of a user who blocks the bot (my_chat_member "kicked"), and send nothing', async () => {
    const rita: Person = { id: 4003, first_name: 'Rita', language_code: 'de' };
    await bot.post(textUpdate(rita, 'Ich trau mich nicht, die zu belästigen.'));
    const inspect = bed.inspect();
    const tag = bed.bot().userTag(rita.id);
    expect(await inspect.keys(`${bed.prefix}:*${tag}*`)).not.toHaveLength(0);
    const sent = api.textsTo(rita.id).length;
    expect(await bot.post(membershipUpdate(rita, 'kicked'))).toBe(200);
    expect(await inspect.keys(`${bed.prefix}:*${tag}*`)).toEqual([]);
    expect(api.textsTo(rita.id)).toHaveLength(sent);
    expect(JSON.stringify(api.callsOf('setWebhook')[0]?.payload)).toContain('my_chat_member');
  });
});

/** Everything a key holds, as text, whatever its type. */
async function dumpOf(inspect: Redis, key: string): Promise<string> {
  switch (await inspect.type(key)) {
    case 'hash':
      return JSON.stringify(await inspect.hgetall(key));
    case 'set':
      return JSON.stringify(await inspect.smembers(key));
    case 'zset':
      return JSON.stringify(await inspect.zrange(key, 0, -1));
    case 'list':
      return JSON.stringify(await inspect.lrange(key, 0, -1));
    default:
      return String(await inspect.get(key));
  }
}
