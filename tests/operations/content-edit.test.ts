import { FakeTelegramApi } from '../helpers/fake-telegram-api';
import { ProjectCopy } from '../helpers/project-copy';
import { freePort, OwnRedisServer } from '../helpers/redis-server';
import { CliProcess, webhookBotEnv } from '../helpers/serve-process';
import { textUpdate, type Person } from '../helpers/telegram-updates';
import { containsKey } from '../helpers/transcript';

const SECRET = 'content_edit_secret';

describe('a content edit deployed mid-conversation (serve processes, Redis, a copy of the project)', () => {
  const api = new FakeTelegramApi();
  const copy = new ProjectCopy();
  let redis: OwnRedisServer;
  let env: NodeJS.ProcessEnv;
  let port: number;
  const lena: Person = { id: 6600123, first_name: 'Lena', language_code: 'de' };

  beforeAll(async () => {
    redis = new OwnRedisServer(await freePort());
    await redis.start();
    port = await freePort();
    env = webhookBotEnv({
      port,
      apiRoot: await api.start(),
      token: '123456:CONTENT-test',
      secret: SECRET,
      redisUrl: redis.url,
    });
  });
  afterAll(async () => {
    await api.stop();
    await redis.stop();
    copy.remove();
  });

  // Posts an update, then waits until the process has handled it and sent its replies (the
  // webhook answers as soon as the update is recorded in the inbox, before the turn).
  const post = async (serve: CliProcess, update: unknown): Promise<number> => {
    const status = await fetch(`http://127.0.0.1:${port}/telegram/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
      body: JSON.stringify(update),
    }).then((r) => r.status);
    await serve.waitForDeliveries(port);
    return status;
  };

  it('should welcome a user standing on a renamed step back to a fresh choice, in their voice, never with silence or an error', async () => {
    const first = new CliProcess(env, ['serve'], copy.root);
    try {
      await first.waitForReadiness(port, 200);
      expect(await post(first, textUpdate(lena, 'duzen'))).toBe(200);
      expect(await post(first, textUpdate(lena, 'Ich kenne niemanden'))).toBe(200);
      expect(
        containsKey(api.textsTo(lena.id).at(-1) ?? '', 'de-du', 'knows_nobody.offer_count'),
      ).toBe(true);
      expect((await first.terminate()).code).toBe(0);
    } finally {
      first.kill();
    }

    // The coach renames the step Lena stands on and redeploys.
    copy.edit('responses/flows.yml', (flows) => flows.replace(/\bkn_count\b/g, 'kn_tally'));
    const second = new CliProcess(env, ['serve'], copy.root);
    try {
      await second.waitForReadiness(port, 200);
      const sent = api.callsOf('sendMessage', lena.id).length;
      expect(await post(second, textUpdate(lena, 'ja'))).toBe(200);
      const replies = api.callsOf('sendMessage', lena.id).slice(sent);
      expect(replies.length).toBeGreaterThan(0);
      const text = replies.map((c) => String(c.payload.text)).join('\n');
      expect(containsKey(text, 'de-du', 'welcome')).toBe(true);
      expect(containsKey(text, 'de-du', 'error')).toBe(false);
      expect(JSON.stringify(replies.at(-1)?.payload.reply_markup)).toContain(
        'objection.knows_nobody',
      );
      // The fresh choice leads into the renamed step.
      expect(await post(second, textUpdate(lena, 'Ich kenne niemanden'))).toBe(200);
      const next = api.textsTo(lena.id).at(-1) ?? '';
      expect(containsKey(next, 'de-du', 'error')).toBe(false);
      expect((await second.terminate()).code).toBe(0);
      expect(second.stderr).not.toContain('turn_failed');
    } finally {
      second.kill();
    }
  }, 60_000);
});
