import { deletePrefix, TEST_REDIS_URL, testRedis } from '../helpers/redis';
import { runCli } from './run-cli';

// Needs the built bin (npm run build) and a Redis on REDIS_URL or 127.0.0.1:6379.
describe('tueroeffner chat with piped input', () => {
  const conversation = `piped-${process.pid}-${Date.now()}`;
  afterAll(async () => {
    const redis = testRedis();
    await deletePrefix(redis, `tueroeffner:{terminal:${conversation}}`);
    redis.disconnect();
  });

  // With Redis the welcome takes a round trip; lines piped meanwhile must not be lost.
  it.each([
    ['in memory', {}],
    ['with Redis', { REDIS_URL: TEST_REDIS_URL }],
  ])('should answer every piped line and end at end of input (%s)', async (_name, env) => {
    const run = await runCli(['chat', conversation], 'hallo\nIch kenne niemanden\n', {
      DOTENV_CONFIG_QUIET: 'true',
      ...env,
    });
    expect(run.code).toBe(0);
    // The welcome, the answer to "hallo", and the offer to count for "Ich kenne niemanden".
    expect(run.stdout).toMatch(/300 Leute/);
    expect(run.stdout.match(/^bot> /gm)?.length ?? 0).toBeGreaterThanOrEqual(5);
  });
});
