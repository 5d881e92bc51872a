import crypto from 'node:crypto';
import { FakeTelegramApi } from '../helpers/fake-telegram-api';
import { freePort } from '../helpers/redis-server';
import { CliProcess, webhookBotEnv } from '../helpers/serve-process';
import { textUpdate, type Person } from '../helpers/telegram-updates';

const SECRET = 'pseudonym_secret';
const KEY = 'c0ffee-0123456789abcdef-pseudonym-test-key';

/** The pseudonym the bot logs for a chat: a keyed HMAC, as DATA-PROTECTION.md describes it. */
const hmac = (key: string, id: number): string =>
  crypto.createHmac('sha256', key).update(String(id)).digest('hex').slice(0, 16);
/** What an unkeyed hash of the id (the old pseudonym, and a brute-forcer's guess) would give. */
const unkeyed = (id: number): string[] =>
  [`tueroeffner:${id}`, String(id)].map((text) =>
    crypto.createHash('sha256').update(text).digest('hex'),
  );

describe('log pseudonyms (serve processes)', () => {
  const api = new FakeTelegramApi();
  let apiRoot: string;
  const ida: Person = { id: 7700456, first_name: 'Ida', language_code: 'de' };
  beforeAll(async () => {
    apiRoot = await api.start();
  });
  afterAll(() => api.stop());

  /** Runs serve, sends one message, and returns the pseudonym its turn was logged under, and the logs. */
  async function loggedPseudonym(
    extra: NodeJS.ProcessEnv,
  ): Promise<{ chat: string; logs: string }> {
    const port = await freePort();
    const bot = new CliProcess({
      ...webhookBotEnv({ port, apiRoot, token: '123456:PSEUDONYM-test', secret: SECRET }),
      PSEUDONYM_KEY: '',
      ...extra,
    });
    try {
      await bot.waitForReadiness(port, 200);
      await fetch(`http://127.0.0.1:${port}/telegram/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
        body: JSON.stringify(textUpdate(ida, 'Ich kenne niemanden')),
      });
      await bot.waitForLog(/"event":"telegram.turn"/);
      expect((await bot.terminate()).code).toBe(0);
      const chat = /"event":"telegram.turn","chat":"([0-9a-f]+)"/.exec(bot.stderr)?.[1] ?? '';
      return { chat, logs: bot.stderr };
    } finally {
      bot.kill();
    }
  }

  it('should log a keyed HMAC of the chat id that cannot be recomputed without the key', async () => {
    const { chat, logs } = await loggedPseudonym({ PSEUDONYM_KEY: KEY });
    expect(chat).toBe(hmac(KEY, ida.id));
    for (const guess of unkeyed(ida.id)) expect(guess.startsWith(chat)).toBe(false);
    expect(chat).not.toBe(hmac('another-key-of-the-same-length-000000', ida.id));
    expect(logs).not.toContain(String(ida.id));
    expect(logs).not.toContain(KEY);
    expect(logs).not.toContain('pseudonym.key_generated');
  }, 30_000);

  it('should generate a key per run when none is set, and warn once how to set one in .env', async () => {
    const first = await loggedPseudonym({});
    const second = await loggedPseudonym({});
    expect(first.logs.match(/"event":"pseudonym.key_generated"/g)).toHaveLength(1);
    expect(first.logs).toMatch(/PSEUDONYM_KEY is not set.*into \.env/);
    expect(first.chat).toMatch(/^[0-9a-f]{16}$/);
    expect(first.chat).not.toBe(second.chat);
    for (const guess of unkeyed(ida.id)) expect(guess.startsWith(first.chat)).toBe(false);
  }, 30_000);
});
