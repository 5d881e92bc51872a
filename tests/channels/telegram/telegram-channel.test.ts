import type Redis from 'ioredis';
import { FakeTelegramApi } from '../../helpers/fake-telegram-api';
import { deletePrefix, testPrefix, testRedis } from '../../helpers/redis';
import {
  callbackUpdate,
  editedUpdate,
  groupChat,
  stickerUpdate,
  textUpdate,
  type Person,
} from '../../helpers/telegram-updates';
import { containsKey } from '../../helpers/transcript';
import { startBot, type BotProcess } from './telegram-harness';

const anna: Person = { id: 1001, first_name: 'Anna', language_code: 'de' };
const ben: Person = { id: 1002, first_name: 'Ben', language_code: 'en' };

describe('Telegram channel (fake Bot API over HTTP, real Redis)', () => {
  const api = new FakeTelegramApi();
  const prefix = testPrefix('telegram');
  let apiRoot: string;
  let bot: BotProcess;
  let inspect: Redis;

  beforeAll(async () => {
    apiRoot = await api.start();
    inspect = testRedis();
    bot = await startBot(apiRoot, prefix);
  });

  afterAll(async () => {
    await bot.stop();
    await api.stop();
    await deletePrefix(inspect, prefix);
    inspect.disconnect();
  });

  it('should register the webhook with its secret and the command menus in German and English', () => {
    const webhook = api.callsOf('setWebhook')[0];
    expect(webhook?.payload).toMatchObject({
      url: 'https://bot.example/telegram/webhook',
      secret_token: 'test_secret-42',
    });
    const menus = api.callsOf('setMyCommands');
    expect(menus.map((c) => c.payload.language_code ?? 'default')).toEqual(['default', 'en']);
    expect(JSON.stringify(menus[0]?.payload)).toContain('vergessen');
    expect(JSON.stringify(menus[1]?.payload)).toContain('forget');
  });

  it('should welcome /start in German and in English, by the user’s Telegram language', async () => {
    expect(await bot.post(textUpdate(anna, '/start'))).toBe(200);
    expect(await bot.post(textUpdate(ben, '/start'))).toBe(200);
    expect(containsKey(api.textsTo(anna.id).at(-1) ?? '', 'de-sie', 'welcome')).toBe(true);
    expect(containsKey(api.textsTo(ben.id).at(-1) ?? '', 'en', 'welcome')).toBe(true);
    const welcome = api.callsOf('sendMessage', anna.id).at(-1);
    expect(welcome?.payload.parse_mode).toBe('HTML');
    expect(JSON.stringify(welcome?.payload.reply_markup)).toContain('objection.knows_nobody');
    expect(api.callsOf('sendChatAction', anna.id).length).toBeGreaterThan(0);
  });

  it('should walk a private chat through a whole objection flow, buttons included', async () => {
    const carl: Person = { id: 1003, first_name: 'Carl', language_code: 'de' };
    await bot.post(textUpdate(carl, 'Meine Bekannten können mir doch eh nicht helfen.'));
    expect(
      containsKey(api.textsTo(carl.id).at(-1) ?? '', 'de-sie', 'they_cant_help.ask_evidence'),
    ).toBe(true);
    await bot.post(textUpdate(carl, 'Gefragt habe ich ehrlich gesagt noch keinen.'));
    await bot.post(textUpdate(carl, 'Mein Schwager ist viel unterwegs.'));
    await bot.post(textUpdate(carl, 'Über einen Freund aus dem Verein.'));
    // The user's own idea is the step they commit to: no stock suggestion in between.
    await bot.post(textUpdate(carl, 'Ich könnte beim Verein erzählen, dass ich suche.'));
    const offer = api.callsOf('sendMessage', carl.id).at(-1);
    expect(containsKey(String(offer?.payload.text), 'de-sie', 'pitch.offer')).toBe(true);
    const sentId = 100 + api.callsOf('sendMessage').indexOf(offer as never);
    await bot.post(callbackUpdate(carl, sentId, 'pitch_no'));
    expect(containsKey(api.textsTo(carl.id).at(-1) ?? '', 'de-sie', 'flow.end')).toBe(true);
  });

  it('should answer a button press, remove its keyboard, and ignore a second press of the same keyboard', async () => {
    const dora: Person = { id: 1004, first_name: 'Dora', language_code: 'de' };
    await bot.post(textUpdate(dora, 'Ich kenne niemanden.'));
    const offer = api.callsOf('sendMessage', dora.id).at(-1);
    const messageId = 100 + api.callsOf('sendMessage').indexOf(offer as never);
    await bot.post(callbackUpdate(dora, messageId, 'count_yes'));
    expect(containsKey(api.textsTo(dora.id).at(-1) ?? '', 'de-sie', 'inventory.intro')).toBe(true);
    expect(api.callsOf('answerCallbackQuery').length).toBeGreaterThan(0);
    expect(api.callsOf('editMessageReplyMarkup', dora.id)[0]?.payload).toMatchObject({
      message_id: messageId,
    });
    const sent = api.callsOf('sendMessage', dora.id).length;
    await bot.post(callbackUpdate(dora, messageId, 'count_no'));
    expect(api.callsOf('sendMessage', dora.id)).toHaveLength(sent);
  });

  it('should answer a sticker with "I can only read text" and ignore an edited message', async () => {
    const emil: Person = { id: 1005, first_name: 'Emil', language_code: 'de' };
    await bot.post(stickerUpdate(emil));
    expect(containsKey(api.textsTo(emil.id).at(-1) ?? '', 'de-sie', 'non_text')).toBe(true);
    const before = api.textsTo(emil.id).length;
    await bot.post(editedUpdate(emil, 'Ich kenne niemanden'));
    expect(api.textsTo(emil.id)).toHaveLength(before);
  });

  it('should speak in a group only when addressed, keeping state per member', async () => {
    const group = groupChat(-5001);
    await bot.post(textUpdate(anna, 'Ich kenne niemanden hier.', group));
    expect(api.textsTo(-5001)).toHaveLength(0);
    await bot.post(textUpdate(anna, '@tueroeffner_bot Ich kenne niemanden.', group));
    expect(containsKey(api.textsTo(-5001).at(-1) ?? '', 'de-sie', 'knows_nobody.ack')).toBe(true);
    await bot.post(textUpdate(ben, '/start@tueroeffner_bot', group));
    expect(api.textsTo(-5001)).toHaveLength(2);
    // Two members, two conversations: each under its member's keyed hash, never the raw ids.
    for (const member of [anna, ben]) {
      const key = bot.store.stateKey({
        userId: `telegram:${member.id}`,
        conversationId: `telegram:-5001:${member.id}`,
      });
      expect(await inspect.exists(key)).toBe(1);
    }
    expect(await inspect.keys(`${prefix}:*5001*`)).toHaveLength(0);
  });

  it('should delete the user’s state in Redis on /vergessen', async () => {
    const fritz: Person = { id: 1006, first_name: 'Fritz', language_code: 'de' };
    await bot.post(textUpdate(fritz, 'Ich trau mich nicht, die zu belästigen.'));
    expect(await inspect.keys(`${prefix}:{${bot.userTag(1006)}}:*`)).not.toHaveLength(0);
    await bot.post(textUpdate(fritz, '/vergessen'));
    expect(containsKey(api.textsTo(fritz.id).at(-1) ?? '', 'de-sie', 'forget_done')).toBe(true);
    expect(await inspect.keys(`${prefix}:{${bot.userTag(1006)}}:*`)).toHaveLength(0);
  });

  it('should reject a wrong, missing or empty secret and process nothing', async () => {
    const gina: Person = { id: 1007, first_name: 'Gina' };
    for (const secret of ['wrong', null, '', 'test_secret-43']) {
      expect(await bot.post(textUpdate(gina, 'Ich kenne niemanden'), secret)).toBe(401);
    }
    expect(api.textsTo(gina.id)).toHaveLength(0);
  });

  it('should answer malformed bodies with a 4xx and keep running', async () => {
    expect(await bot.post('{"update_id": 1, "message":')).toBe(400);
    expect(await bot.post('[1, 2, 3]')).toBe(400);
    expect(await bot.post('x'.repeat(2 * 1024 * 1024))).toBe(413);
    const hans: Person = { id: 1008, first_name: 'Hans', language_code: 'de' };
    expect(await bot.post(textUpdate(hans, 'Hallo'))).toBe(200);
    expect(api.textsTo(hans.id)).toHaveLength(1);
  });

  it('should reply exactly once to the same update sent five times, in a row and at once', async () => {
    const ida: Person = { id: 1009, first_name: 'Ida', language_code: 'de' };
    const inRow = textUpdate(ida, 'Ich kenne niemanden.');
    for (let i = 0; i < 5; i++) expect(await bot.post(inRow)).toBe(200);
    expect(api.textsTo(ida.id)).toHaveLength(1);
    const atOnce = textUpdate(ida, 'Ohne Vitamin B geht gar nichts.');
    const statuses = await Promise.all(Array.from({ length: 5 }, () => bot.post(atOnce)));
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    expect(api.textsTo(ida.id)).toHaveLength(2);
  });

  it('should wait retry_after on a 429 and then reply once', async () => {
    const jan: Person = { id: 1010, first_name: 'Jan', language_code: 'de' };
    api.failNext({
      method: 'sendMessage',
      status: 429,
      description: 'Too Many Requests: retry after 2',
      parameters: { retry_after: 2 },
    });
    const started = Date.now();
    expect(await bot.post(textUpdate(jan, 'Hallo'))).toBe(200);
    const attempts = api.callsOf('sendMessage', jan.id);
    expect(attempts).toHaveLength(2);
    expect((attempts[1]?.at ?? 0) - (attempts[0]?.at ?? 0)).toBeGreaterThanOrEqual(1_900);
    expect(Date.now() - started).toBeLessThan(8_000);
  });

  it('should stop and forget a user who blocked the bot (403)', async () => {
    const kai: Person = { id: 1011, first_name: 'Kai', language_code: 'de' };
    await bot.post(textUpdate(kai, 'Ich kenne niemanden.'));
    expect(await inspect.keys(`${prefix}:{${bot.userTag(1011)}}:*`)).not.toHaveLength(0);
    api.failNext({
      method: 'sendMessage',
      status: 403,
      description: 'Forbidden: bot was blocked by the user',
    });
    expect(await bot.post(textUpdate(kai, 'ja'))).toBe(200);
    expect(await inspect.keys(`${prefix}:{${bot.userTag(1011)}}:*`)).toHaveLength(0);
  });
});
