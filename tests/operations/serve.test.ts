import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { FakeTelegramApi } from '../helpers/fake-telegram-api';
import { freePort, OwnRedisServer } from '../helpers/redis-server';
import { textUpdate, type Person } from '../helpers/telegram-updates';
import { containsKey } from '../helpers/transcript';

const BIN = path.join(__dirname, '..', '..', 'bin', 'tueroeffner.js');
const SECRET = 'serve_test_secret';
const CANARY = 'KANARIENVOGEL-0815';

/** `tueroeffner serve` as its own process, as in production (webhook mode, Redis, trace logs). */
class ServeProcess {
  stderr = '';
  private child?: ChildProcess;
  exit?: Promise<{ code: number | null; ms: number }>;

  constructor(
    private readonly env: NodeJS.ProcessEnv,
    readonly port: number,
  ) {}

  async start(): Promise<void> {
    this.child = spawn(process.execPath, [BIN, 'serve'], {
      env: { ...process.env, ...this.env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    this.child.stderr?.on('data', (chunk: Buffer) => (this.stderr += chunk.toString('utf8')));
    const child = this.child;
    for (let i = 0; i < 200; i++) {
      const ready = await fetch(`http://127.0.0.1:${this.port}/readyz`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ready) return;
      if (child.exitCode !== null) throw new Error(`serve exited early:\n${this.stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`serve did not become ready:\n${this.stderr}`);
  }

  terminate(): Promise<{ code: number | null; ms: number }> {
    const started = Date.now();
    const child = this.child;
    this.exit = new Promise((resolve) =>
      child?.once('exit', (code) => resolve({ code, ms: Date.now() - started })),
    );
    child?.kill('SIGTERM');
    return this.exit;
  }

  post(update: unknown): Promise<number> {
    return fetch(`http://127.0.0.1:${this.port}/telegram/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
      body: JSON.stringify(update),
    }).then((r) => r.status);
  }
}

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
      PORT: String(port),
      REDIS_URL: redis.url,
      TELEGRAM_BOT_TOKEN: '123456:SERVE-test',
      TELEGRAM_API_ROOT: await api.start(),
      TELEGRAM_WEBHOOK_URL: `http://127.0.0.1:${port}/telegram/webhook`,
      TELEGRAM_WEBHOOK_SECRET: SECRET,
      LOG_LEVEL: 'trace',
    };
  });

  afterAll(async () => {
    await api.stop();
    await redis.stop();
  });

  it('should serve health, readiness and metrics, shut down on SIGTERM after finishing what is in flight, and resume after a restart', async () => {
    const first = new ServeProcess(env, port);
    await first.start();
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);

    const opening = textUpdate(pia, `Ich kenne niemanden. ${CANARY}`);
    expect(await first.post(opening)).toBe(200);
    expect(
      containsKey(api.textsTo(pia.id).at(-1) ?? '', 'de-sie', 'knows_nobody.offer_count'),
    ).toBe(true);

    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(metrics).toMatch(
      /tueroeffner_messages_total\{channel="telegram",intent="objection.knows_nobody",outcome="continue"\} 1/,
    );
    expect(metrics).toMatch(/tueroeffner_store_up 1/);

    // An error path: the Bot API fails; the error is logged (without the text) and counted.
    api.failNext({
      method: 'sendMessage',
      status: 400,
      description: 'Bad Request: message is too long',
    });
    expect(await first.post(textUpdate(pia, `Hallo ${CANARY}`))).toBe(200);
    expect(await (await fetch(`http://127.0.0.1:${port}/metrics`)).text()).toMatch(
      /tueroeffner_errors_total [1-9]/,
    );

    // SIGTERM while a reply is still on its way: it is finished, then the process exits 0 within 5 s.
    api.delayNext('sendMessage', 1_000);
    const inFlight = first.post(textUpdate(pia, 'ja'));
    await api.waitFor(() => api.callsOf('sendMessage', pia.id).length >= 3);
    const exit = await first.terminate();
    expect(await inFlight).toBe(200);
    expect(exit.code).toBe(0);
    expect(exit.ms).toBeLessThan(5_000);
    expect(containsKey(api.textsTo(pia.id).at(-1) ?? '', 'de-sie', 'inventory.intro')).toBe(true);

    // A restarted process resumes the conversation at its step, and a redelivered update gets no second reply.
    const second = new ServeProcess(env, port);
    await second.start();
    const replies = api.callsOf('sendMessage', pia.id).length;
    expect(await second.post(opening)).toBe(200);
    expect(api.callsOf('sendMessage', pia.id)).toHaveLength(replies);
    expect(await second.post(textUpdate(pia, '12'))).toBe(200);
    expect(api.textsTo(pia.id).at(-1)).toMatch(/12 von 300/);
    expect((await second.terminate()).code).toBe(0);

    // No log line, at any level and on any path, holds the message text or the raw chat id.
    const logs = first.stderr + second.stderr;
    expect(logs.length).toBeGreaterThan(0);
    expect(logs).toContain('"event":"telegram.turn"');
    expect(logs).not.toContain(CANARY);
    expect(logs).not.toContain(String(pia.id));
  }, 60_000);
});
