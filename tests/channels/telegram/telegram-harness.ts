import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import type Redis from 'ioredis';
import { TelegramChannel } from '../../../src/channels/telegram/telegram-channel';
import { silentLogger } from '../../../src/observability/logger';
import type { PictureRenderer } from '../../../src/pictures/picture-renderer';
import { createHttpServer } from '../../../src/server/http-server';
import { connectRedis, createRedisClient } from '../../../src/store/redis-client';
import type { RedisStore } from '../../../src/store/redis-store';
import { FakeTelegramApi } from '../../helpers/fake-telegram-api';
import { deletePrefix, TEST_REDIS_URL, testPrefix, testRedis } from '../../helpers/redis';
import { testPipeline, type PipelineOptions, type TestPipeline } from '../../helpers/test-pipeline';

export const TOKEN = '123456:TEST-token';
export const SECRET = 'test_secret-42';
export const WEBHOOK_URL = 'https://bot.example/telegram/webhook';

/** One running bot process: its channel, HTTP server and Redis connection. */
export interface BotProcess {
  channel: TelegramChannel;
  store: RedisStore;
  pipeline: TestPipeline;
  /** POSTs a body to the webhook over real HTTP, then waits until its replies are sent. */
  post(body: unknown, secret?: string | null): Promise<number>;
  /** POSTs a body to the webhook and returns as soon as it is answered. */
  postOnly(body: unknown, secret?: string | null): Promise<number>;
  /** Waits until nothing waits in the inbox or outbox and nothing is in flight. */
  settle(): Promise<void>;
  /** The state key of a Telegram user's private chat. */
  stateKey(userId: number): string;
  /** The hash tag of a Telegram user's keys. */
  userTag(userId: number): string;
  stop(): Promise<void>;
}

/** Starts a bot process against the fake Bot API and the real Redis (webhook mode unless `polling`). */
export async function startBot(
  apiRoot: string,
  prefix: string,
  polling = false,
  options: PipelineOptions & { redisUrl?: string; pictures?: PictureRenderer } = {},
): Promise<BotProcess> {
  const redisUrl = options.redisUrl ?? TEST_REDIS_URL;
  const redis: Redis = createRedisClient(redisUrl);
  if (!(await connectRedis(redis))) throw new Error(`no Redis at ${redisUrl}`);
  const pipeline = testPipeline(redis, prefix, options);
  const channel = new TelegramChannel({
    token: TOKEN,
    apiRoot,
    ...(polling ? {} : { webhook: { url: WEBHOOK_URL, secret: SECRET } }),
    engine: pipeline.engine,
    ledger: pipeline.ledger,
    deliveries: pipeline.deliveries,
    forgetUser: (userId) => pipeline.store.forgetUser(userId),
    logger: options.logger ?? silentLogger(),
    ...(options.pictures ? { pictures: options.pictures } : {}),
  });
  pipeline.deliveries.start();
  const server: http.Server = createHttpServer(channel.routes, async () => ({}));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  await channel.start();
  // What serve's channel starter runs in the background once a channel is up (command menus).
  for (const call of channel.optionalCalls()) await call.run();
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const postOnly = async (body: unknown, secret: string | null = SECRET): Promise<number> => {
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
  };
  const store = pipeline.redisStore;
  return {
    channel,
    store,
    pipeline,
    postOnly,
    post: async (body, secret = SECRET) => {
      const status = await postOnly(body, secret);
      await pipeline.deliveries.idle();
      return status;
    },
    settle: () => pipeline.deliveries.idle(),
    stateKey: (userId) =>
      store.stateKey({ userId: `telegram:${userId}`, conversationId: `telegram:${userId}` }),
    userTag: (userId) => store.userTag(`telegram:${userId}`),
    stop: async () => {
      await channel.stop();
      await pipeline.deliveries.stop();
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
