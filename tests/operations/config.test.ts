import { ConfigError, loadConfig, redisExposureWarning } from '../../src/config';
import { runCli } from '../cli/run-cli';

describe('loadConfig', () => {
  it('should run with nothing set: memory state, port 3000, no channels', () => {
    expect(loadConfig({})).toEqual({
      stateTtlSeconds: 30 * 86400,
      port: 3000,
      delivery: { leaseMs: 15_000, retryAfterScale: 1, rateScale: 1 },
    });
  });

  it('should read Telegram in webhook mode, Slack and Redis', () => {
    const config = loadConfig({
      REDIS_URL: 'redis://127.0.0.1:6379',
      TELEGRAM_BOT_TOKEN: '123456:ABC-def',
      TELEGRAM_WEBHOOK_URL: 'https://bot.example/telegram/webhook',
      TELEGRAM_WEBHOOK_SECRET: 's3cret_value',
      SLACK_BOT_TOKEN: 'xoxb-1-2-3',
      SLACK_SIGNING_SECRET: 'abc',
      PORT: '8080',
      STATE_TTL_DAYS: '7',
    });
    expect(config).toMatchObject({
      redis: { url: 'redis://127.0.0.1:6379' },
      port: 8080,
      stateTtlSeconds: 7 * 86400,
      telegram: {
        token: '123456:ABC-def',
        webhook: { url: 'https://bot.example/telegram/webhook', secret: 's3cret_value' },
      },
      slack: { botToken: 'xoxb-1-2-3', signingSecret: 'abc' },
    });
  });

  it('should read Sentinel and Cluster settings', () => {
    expect(
      loadConfig({ REDIS_SENTINELS: 'a:26379,b:26379', REDIS_SENTINEL_NAME: 'mymaster' }).redis,
    ).toEqual({
      sentinels: [
        { host: 'a', port: 26379 },
        { host: 'b', port: 26379 },
      ],
      sentinelName: 'mymaster',
    });
    expect(loadConfig({ REDIS_CLUSTER_NODES: 'n1:7000' }).redis).toEqual({
      clusterNodes: [{ host: 'n1', port: 7000 }],
    });
  });

  it('should report every problem at once, with hints and without secrets', () => {
    let error: unknown;
    try {
      loadConfig({
        REDIS_URL: 'localhost:6379',
        PORT: 'eighty',
        TELEGRAM_BOT_TOKEN: 'not-a-token-SECRETVALUE',
        TELEGRAM_WEBHOOK_URL: 'https://bot.example/hook',
        SLACK_BOT_TOKEN: 'xoxp-user-token',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining('REDIS_URL must start with redis://'),
        expect.stringContaining('PORT must be a number'),
        expect.stringContaining('@BotFather'),
        expect.stringContaining('TELEGRAM_WEBHOOK_SECRET is required'),
        expect.stringContaining('SLACK_BOT_TOKEN must be a bot token'),
        expect.stringContaining('SLACK_SIGNING_SECRET is required'),
      ]),
    );
    expect((error as Error).message).not.toContain('SECRETVALUE');
  });
});

describe('Redis exposure and the pseudonym key', () => {
  const problemsOf = (env: NodeJS.ProcessEnv): string[] => {
    try {
      loadConfig(env);
      return [];
    } catch (error) {
      return (error as ConfigError).problems;
    }
  };

  it('should accept Redis on this machine, or elsewhere with TLS and a password', () => {
    for (const url of [
      'redis://127.0.0.1:6379',
      'redis://localhost:6379',
      'redis://[::1]:6379',
      'rediss://bot:pw@redis.example:6380',
    ])
      expect([url, problemsOf({ REDIS_URL: url })]).toEqual([url, []]);
  });

  it('should refuse a remote Redis without TLS or without a password, naming what is missing but not the password', () => {
    expect(problemsOf({ REDIS_URL: 'redis://:geheim@10.0.0.5:6379' })).toEqual([
      expect.stringMatching(
        /^REDIS_URL: Redis on 10\.0\.0\.5 is reached without TLS \(rediss:\/\/\);/,
      ),
    ]);
    expect(problemsOf({ REDIS_URL: 'redis://:geheim@10.0.0.5:6379' }).join()).not.toContain(
      'geheim',
    );
    expect(problemsOf({ REDIS_URL: 'rediss://redis.example:6380' })).toEqual([
      expect.stringContaining('without a password'),
    ]);
  });

  it('should accept it with REDIS_ALLOW_INSECURE=true, and then warn', () => {
    const config = loadConfig({ REDIS_URL: 'redis://redis:6379', REDIS_ALLOW_INSECURE: 'true' });
    expect(redisExposureWarning(config)).toMatch(/Redis on redis is reached without TLS/);
    expect(
      redisExposureWarning(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379' })),
    ).toBeUndefined();
  });

  it('should take PSEUDONYM_KEY, and refuse one too short to keep ids unguessable', () => {
    expect(loadConfig({ PSEUDONYM_KEY: 'a'.repeat(32) }).pseudonymKey).toBe('a'.repeat(32));
    expect(problemsOf({ PSEUDONYM_KEY: 'short' })).toEqual([
      expect.stringContaining('PSEUDONYM_KEY must be at least 16 characters'),
    ]);
  });
});

describe('tueroeffner serve with a broken configuration', () => {
  it('should exit with an error code and name every problem', async () => {
    const run = await runCli(['serve'], '', {
      TELEGRAM_WEBHOOK_URL: 'https://x.example/hook',
      TELEGRAM_BOT_TOKEN: '1:a',
      PORT: '0x',
    });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('TELEGRAM_WEBHOOK_SECRET is required');
    expect(run.stderr).toContain('PORT must be a number');
    expect(run.stdout).toBe('');
  });
});
