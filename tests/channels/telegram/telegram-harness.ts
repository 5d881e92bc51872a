import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import type Redis from 'ioredis';
import { TelegramChannel } from '../../../src/channels/telegram/telegram-channel';
import { silentLogger } from '../../../src/observability/logger';
import { createHttpServer } from '../../../src/server/http-server';
import { RedisDeliveryLedger } from '../../../src/store/delivery-ledger';
import { connectRedis, createRedisClient } from '../../../src/store/redis-client';
import { RedisStore } from '../../../src/store/redis-store';
import { FakeTelegramApi } from '../../helpers/fake-telegram-api';
import { deletePrefix, TEST_REDIS_URL, testPrefix, testRedis } from '../../helpers/redis';
import { testEngine } from '../../helpers/test-engine';

export const TOKEN = '123456:TEST-token';
export const SECRET = 'test_secret-42';
export const WEBHOOK_URL = 'https://bot.example/telegram/webhook';

/** One running bot process: its channel, HTTP server and Redis connection. */
export interface BotProcess {
  channel: TelegramChannel;
  store: RedisStore;
  /** POSTs a body to the webhook over real HTTP. */
  post(body: unknown, secret?: string | null): Promise<number>;
  stop(): Promise<void>;
}

/** Starts a bot process against the fake Bot API and the real Redis (webhook mode unless `polling`). */
export async function startBot(
  apiRoot: string,
  prefix: string,
  polling = false,
): Promise<BotProcess> {
  const redis: Redis = createRedisClient(TEST_REDIS_URL);
  if (!(await connectRedis(redis))) throw new Error(`no Redis at ${TEST_REDIS_URL}`);
  const store = new RedisStore(redis, 600, prefix);
  const channel = new TelegramChannel({
    token: TOKEN,
    apiRoot,
    ...(polling ? {} : { webhook: { url: WEBHOOK_URL, secret: SECRET } }),
    engine: testEngine(store),
    ledger: new RedisDeliveryLedger(redis, prefix),
    logger: silentLogger(),
  });
  const server: http.Server = createHttpServer(channel.routes, async () => ({}));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  await channel.start();
  // What serve's channel starter runs in the background once a channel is up (command menus).
  for (const call of channel.optionalCalls()) await call.run();
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    channel,
    store,
    post: async (body, secret = SECRET) => {
      const response = await fetch(`${base}/telegram/webhook`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(secret === null ? {} : { 'x-telegram-bot-api-secret-token': secret }),
        },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      await response.text();
      return response.status;
    },
    stop: async () => {
      await channel.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      redis.disconnect();
    },
  };
}

/** A test file's bot: fake Bot API, one bot process on the real Redis under its own prefix, cleaned up after. */
export interface TelegramTestBed {
  api: FakeTelegramApi;
  prefix: string;
  bot(): BotProcess;
  inspect(): Redis;
}

/** Registers the jest hooks that start and stop a {@link TelegramTestBed}. */
export function useTelegramTestBed(name: string): TelegramTestBed {
  const api = new FakeTelegramApi();
  const prefix = testPrefix(name);
  let bot: BotProcess | undefined;
  let inspect: Redis | undefined;
  beforeAll(async () => {
    inspect = testRedis();
    bot = await startBot(await api.start(), prefix);
  });
  afterAll(async () => {
    await bot?.stop();
    await api.stop();
    if (inspect) {
      await deletePrefix(inspect, prefix);
      inspect.disconnect();
    }
  });
  const started = <T>(value: T | undefined): T => {
    if (!value) throw new Error('the test bed starts in beforeAll');
    return value;
  };
  return { api, prefix, bot: () => started(bot), inspect: () => started(inspect) };
}
