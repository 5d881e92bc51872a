import { signRequest } from '../../src/channels/slack/slack-signature';
import { directMessage, envelope } from '../channels/slack/slack-payloads';
import { FakeSlackApi } from '../helpers/fake-slack-api';
import { FakeTelegramApi } from '../helpers/fake-telegram-api';
import { freePort, OwnRedisServer } from '../helpers/redis-server';
import { CliProcess } from '../helpers/serve-process';

const TOKEN = '123456:STARTUP-test';
const SECRET = 'startup_secret';
const SIGNING_SECRET = 'startup-signing-secret';

/** The Telegram settings of a webhook bot on the fake Bot API. */
function telegramEnv(apiRoot: string, port: number): NodeJS.ProcessEnv {
  return {
    PORT: String(port),
    TELEGRAM_BOT_TOKEN: TOKEN,
    TELEGRAM_API_ROOT: apiRoot,
    TELEGRAM_WEBHOOK_URL: `http://127.0.0.1:${port}/telegram/webhook`,
    TELEGRAM_WEBHOOK_SECRET: SECRET,
    REDIS_URL: '',
    SLACK_BOT_TOKEN: '',
    SLACK_SIGNING_SECRET: '',
    LOG_LEVEL: 'info',
  };
}

describe('tueroeffner serve: start-up that either serves or says why it cannot', () => {
  const telegram = new FakeTelegramApi();
  let apiRoot: string;
  const running: CliProcess[] = [];
  const serve = (env: NodeJS.ProcessEnv): CliProcess => {
    const process = new CliProcess(env);
    running.push(process);
    return process;
  };

  beforeAll(async () => {
    apiRoot = await telegram.start();
  });
  afterEach(() => {
    for (const process of running.splice(0)) process.kill();
    for (const method of ['getMe', 'setWebhook', 'setMyCommands']) telegram.recover(method);
  });
  afterAll(() => telegram.stop());

  it('should end with code 1 and one line naming TELEGRAM_BOT_TOKEN when getMe answers 401', async () => {
    telegram.failAlways({ method: 'getMe', status: 401, description: 'Unauthorized' });
    const bot = serve(telegramEnv(apiRoot, await freePort()));
    const exit = await bot.exited;
    expect(exit.code).toBe(1);
    // Matched against the whole of stderr, so a failure shows what the process printed instead.
    expect(bot.stderr).toMatch(
      /^tueroeffner serve: TELEGRAM_BOT_TOKEN: Telegram refused the bot token \(getMe: 401\)/m,
    );
    expect(bot.stderr).not.toContain(TOKEN);
  });

  it('should end with code 1 naming TELEGRAM_WEBHOOK_URL when Telegram refuses the webhook address', async () => {
    telegram.failAlways({
      method: 'setWebhook',
      status: 400,
      description: 'Bad Request: bad webhook: HTTPS url must be provided for webhook',
    });
    const bot = serve(telegramEnv(apiRoot, await freePort()));
    expect((await bot.exited).code).toBe(1);
    expect(bot.stderr).toMatch(
      /tueroeffner serve: TELEGRAM_WEBHOOK_URL: Telegram refused the webhook address \(Bad Request: bad webhook/,
    );
  });

  it('should serve when setMyCommands fails (404, 500), retrying it in the background with logged delays', async () => {
    telegram.failAlways({ method: 'setMyCommands', status: 404, description: 'Not Found' });
    const port = await freePort();
    const bot = serve(telegramEnv(apiRoot, port));
    expect(await bot.waitForReadiness(port, 200)).toMatchObject({ telegram: true, store: true });
    await bot.waitForLog(/"event":"channel.optional_call_failed".*"attempt":1.*"retryInMs":1000/);
    telegram.failAlways({ method: 'setMyCommands', status: 500, description: 'Internal' });
    await bot.waitForLog(/"event":"channel.optional_call_failed".*"attempt":2.*"retryInMs":2000/);
    telegram.recover('setMyCommands');
    await bot.waitForLog(/"event":"channel.optional_call_done".*"call":"setMyCommands"/);
    expect((await bot.terminate()).code).toBe(0);
  }, 30_000);

  it('should keep Slack serving while Telegram is unreachable, log each retry with its delay, name Telegram in /readyz, and stop at once on SIGTERM', async () => {
    const slack = await FakeSlackApi.start();
    try {
      const port = await freePort();
      const unreachable = `http://127.0.0.1:${await freePort()}`;
      const bot = serve({
        ...telegramEnv(unreachable, port),
        SLACK_BOT_TOKEN: 'xoxb-startup',
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: slack.url,
      });
      await bot.waitForLog(
        /"event":"channel.start_failed","channel":"telegram","attempt":2,.*"retryInMs":2000/,
      );
      const readiness = await bot.waitForReadiness(port, 503);
      expect(readiness).toMatchObject({
        status: 'not ready',
        store: true,
        slack: true,
        telegram: false,
        notReady: ['telegram'],
        details: { telegram: { state: 'retrying', lastError: expect.stringMatching(/HttpError/) } },
      });
      // Slack answers meanwhile.
      const body = JSON.stringify(
        envelope(directMessage('Ich kenne niemanden.', 'U0START1', 'D0START1')),
      );
      const timestamp = String(Math.floor(Date.now() / 1000));
      const response = await fetch(`http://127.0.0.1:${port}/slack/events`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-slack-request-timestamp': timestamp,
          'x-slack-signature': signRequest(SIGNING_SECRET, timestamp, body),
        },
        body,
      });
      expect(response.status).toBe(200);
      const [post] = await slack.waitFor('chat.postMessage');
      expect(post?.args.channel).toBe('D0START1');
      const exit = await bot.terminate();
      expect(exit.code).toBe(0);
      expect(exit.ms).toBeLessThan(3_000); // it does not wait for the next retry (4 s away)
    } finally {
      await slack.close();
    }
  }, 30_000);

  it('should end with code 1 naming SLACK_BOT_TOKEN when Slack refuses the token', async () => {
    const slack = await FakeSlackApi.start();
    try {
      slack.fail('auth.test', 'invalid_auth');
      const bot = serve({
        ...telegramEnv(apiRoot, await freePort()),
        SLACK_BOT_TOKEN: 'xoxb-refused',
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: slack.url,
      });
      expect((await bot.exited).code).toBe(1);
      expect(bot.stderr).toMatch(
        /tueroeffner serve: SLACK_BOT_TOKEN: Slack refused the token \(invalid_auth\)/,
      );
      expect(bot.stderr).not.toContain('xoxb-refused');
    } finally {
      await slack.close();
    }
  });

  describe('with Redis', () => {
    let guarded: OwnRedisServer;

    beforeAll(async () => {
      guarded = new OwnRedisServer(await freePort(), ['--requirepass', 'right-password']);
      await guarded.start();
    });
    afterAll(() => guarded.stop());

    it('should end with code 1 naming REDIS_URL and the auth error when the password is wrong', async () => {
      for (const url of [
        `redis://:wrong-password@127.0.0.1:${guarded.port}`,
        `redis://127.0.0.1:${guarded.port}`,
      ]) {
        const bot = serve({ ...telegramEnv(apiRoot, await freePort()), REDIS_URL: url });
        const exit = await bot.exited;
        expect(exit.code).toBe(1);
        expect(bot.stderr).toMatch(
          /tueroeffner serve: REDIS_URL: Redis refused the credentials \((WRONGPASS|NOAUTH)\)/,
        );
        expect(bot.stderr).not.toContain('wrong-password');
        expect(bot.stderr).not.toMatch(/reconnects by itself/);
      }
    });

    it('should serve without state while Redis is unreachable, log each reconnect with its delay, and name the store in /readyz', async () => {
      const port = await freePort();
      const bot = serve({
        ...telegramEnv(apiRoot, port),
        REDIS_URL: `redis://127.0.0.1:${await freePort()}`,
      });
      await bot.waitForLog(/"event":"redis.unreachable"/);
      await bot.waitForLog(/"event":"redis.reconnecting","delayMs":\d+/);
      // Telegram starts on its own; wait until it has, then only the store is missing.
      const ready = await bot.waitForReadiness(port, 503, 15_000, (body) => body.telegram === true);
      expect(ready).toMatchObject({ store: false, telegram: true, notReady: ['store'] });
      expect((await bot.terminate()).code).toBe(0);
    }, 30_000);

    it('should serve with the right password', async () => {
      const port = await freePort();
      const bot = serve({
        ...telegramEnv(apiRoot, port),
        REDIS_URL: `redis://:right-password@127.0.0.1:${guarded.port}`,
      });
      expect(await bot.waitForReadiness(port, 200)).toMatchObject({ store: true });
      expect((await bot.terminate()).code).toBe(0);
    });

    it('should refuse a Redis beyond this machine without TLS and password, unless REDIS_ALLOW_INSECURE=true (then warn)', async () => {
      const exposed = 'redis://192.0.2.7:6379';
      const refused = serve({ ...telegramEnv(apiRoot, await freePort()), REDIS_URL: exposed });
      expect((await refused.exited).code).toBe(1);
      expect(refused.stderr).toMatch(
        /REDIS_URL: Redis on 192\.0\.2\.7 is reached without TLS \(rediss:\/\/\) and a password/,
      );
      expect(refused.stderr).toContain('REDIS_ALLOW_INSECURE=true');

      const allowed = serve({
        ...telegramEnv(apiRoot, await freePort()),
        REDIS_URL: exposed,
        REDIS_ALLOW_INSECURE: 'true',
      });
      await allowed.waitForLog(
        /"event":"redis.insecure".*accepted because REDIS_ALLOW_INSECURE=true/,
      );
      expect((await allowed.terminate()).code).toBe(0);
    }, 30_000);

    it('should not be ready while Redis refuses writes (OOM), and ready again when it takes them', async () => {
      const small = new OwnRedisServer(await freePort(), ['--maxmemory-policy', 'noeviction']);
      await small.start();
      try {
        const port = await freePort();
        const bot = serve({ ...telegramEnv(apiRoot, port), REDIS_URL: small.url });
        await bot.waitForReadiness(port, 200);
        await small.command('CONFIG', 'SET', 'maxmemory', '1');
        expect(await bot.waitForReadiness(port, 503)).toMatchObject({
          store: false,
          notReady: ['store'],
        });
        expect(await small.command('PING')).toBe('PONG'); // it still answers, it only refuses writes
        await small.command('CONFIG', 'SET', 'maxmemory', '0');
        await bot.waitForReadiness(port, 200);
        expect((await bot.terminate()).code).toBe(0);
      } finally {
        await small.stop();
      }
    }, 30_000);
  });
});
