import { FakeTelegramApi } from '../helpers/fake-telegram-api';
import { freePort, OwnRedisServer } from '../helpers/redis-server';
import { ServeProcess, webhookBotEnv } from '../helpers/serve-process';
import { textUpdate, type Person } from '../helpers/telegram-updates';
import { containsKey } from '../helpers/transcript';

const SECRET = 'serve_test_secret';
const CANARY = 'KANARIENVOGEL-0815';

describe('tueroeffner serve as a process', () => {
  const api = new FakeTelegramApi();
  let redis: OwnRedisServer;
  let env: NodeJS.ProcessEnv;
  let port: number;
  const pia: Person = { id: 5555001, first_name: 'Pia', language_code: 'de' };

  beforeAll(async () => {
    redis = new OwnRedisServer(await freePort());
    await redis.start();
    port = await freePort();
    env = {
      ...webhookBotEnv({
        port,
        apiRoot: await api.start(),
        token: '123456:SERVE-test',
        secret: SECRET,
        redisUrl: redis.url,
      }),
      LOG_LEVEL: 'trace',
    };
  });

  afterAll(async () => {
    await api.stop();
    await redis.stop();
  });

  it('should serve health, readiness and metrics, shut down on SIGTERM after finishing what is in flight, and resume after a restart', async () => {
    const first = new ServeProcess(env, port, SECRET);
    await first.start();
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);

    const opening = textUpdate(pia, `Ich kenne niemanden. ${CANARY}`);
    expect(await first.post(opening)).toBe(200);
    const offered = () =>
      containsKey(api.textsTo(pia.id).at(-1) ?? '', 'de-sie', 'knows_nobody.offer_count');
    await api.waitFor(offered);

    const metricsText = async () => (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(await metricsText()).toMatch(
      /tueroeffner_messages_total\{channel="telegram",intent="objection.knows_nobody",outcome="continue"\} 1/,
    );
    expect(await metricsText()).toMatch(/tueroeffner_store_up 1/);

    // An error path: the Bot API refuses a reply for good; the error is logged (without the text) and counted.
    api.failNext({
      method: 'sendMessage',
      status: 400,
      description: 'Bad Request: message is too long',
    });
    const before = api.callsOf('sendMessage', pia.id).length;
    expect(await first.post(textUpdate(pia, `Hallo ${CANARY}`))).toBe(200);
    await api.waitFor(() => api.callsOf('sendMessage', pia.id).length > before);
    await waitUntil(async () => /tueroeffner_errors_total [1-9]/.test(await metricsText()));

    // SIGTERM while a reply is on its way: it is finished, then the process exits 0 within 5 s.
    api.delayNext('sendMessage', 1_000);
    const sent = api.callsOf('sendMessage', pia.id).length;
    expect(await first.post(textUpdate(pia, 'ja'))).toBe(200);
    await api.waitFor(() => api.callsOf('sendMessage', pia.id).length > sent);
    const inFlight = api.callsOf('sendMessage', pia.id).at(-1);
    const exit = await first.terminate();
    expect(exit.code).toBe(0);
    expect(exit.ms).toBeLessThan(5_000);
    expect(inFlight?.status).toBe(200);

    // A restarted process sends what was left in the outbox, resumes the conversation at its step,
    // and a redelivered update gets no second reply.
    const second = new ServeProcess(env, port, SECRET);
    await second.start();
    const intro = () =>
      api.textsTo(pia.id).some((text) => containsKey(text, 'de-sie', 'inventory.intro'));
    await api.waitFor(intro);
    const replies = api.callsOf('sendMessage', pia.id).length;
    expect(await second.post(opening)).toBe(200);
    expect(await second.post(textUpdate(pia, '12'))).toBe(200);
    await api.waitFor(() => /12 von 300/.test(api.textsTo(pia.id).at(-1) ?? ''));
    // Only the reply to "12" came: the redelivered opening was not answered again (one chat, in order).
    const after = api.textsTo(pia.id).slice(replies);
    expect(after.some((text) => containsKey(text, 'de-sie', 'knows_nobody.offer_count'))).toBe(
      false,
    );
    expect((await second.terminate()).code).toBe(0);

    // No log line, at any level and on any path, holds the message text or the raw chat id.
    const logs = first.stderr + second.stderr;
    expect(logs.length).toBeGreaterThan(0);
    expect(logs).toContain('"event":"telegram.turn"');
    expect(logs).not.toContain(CANARY);
    expect(logs).not.toContain(String(pia.id));
  }, 60_000);
});

/** Waits until a condition holds (checked every 50 ms), failing after 5 s. */
async function waitUntil(condition: () => Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
