import type { AddressInfo } from 'node:net';
import { Deliveries } from '../../../src/delivery/deliveries';
import { MemoryLanes } from '../../../src/delivery/memory-lanes';
import { KeyHasher } from '../../../src/store/key-hasher';
import { SlackChannel } from '../../../src/channels/slack/slack-channel';
import { signRequest } from '../../../src/channels/slack/slack-signature';
import { startServing, type Serving } from '../../../src/cli/serve-command';
import { loadConfig } from '../../../src/config';
import { silentLogger } from '../../../src/observability/logger';
import { MemoryDeliveryLedger } from '../../../src/store/delivery-ledger';
import { MemoryStore } from '../../../src/store/memory-store';
import { MemoryObjectionStats } from '../../../src/store/objection-stats';
import { FakeSlackApi } from '../../helpers/fake-slack-api';
import { FakeTelegramApi } from '../../helpers/fake-telegram-api';
import { textUpdate } from '../../helpers/telegram-updates';
import { realParts, testEngine } from '../../helpers/test-engine';
import { directMessage, envelope } from './slack-payloads';

describe('tueroeffner serve with Slack (in-process, in-memory state)', () => {
  let slackApi: FakeSlackApi;
  let telegramApi: FakeTelegramApi;
  let serving: Serving;
  let base: string;
  const secret = 'serve-signing-secret';

  beforeAll(async () => {
    slackApi = await FakeSlackApi.start();
    telegramApi = new FakeTelegramApi();
    const apiRoot = await telegramApi.start();
    const config = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-serve-test',
      SLACK_SIGNING_SECRET: secret,
      SLACK_API_URL: slackApi.url.replace(/\/$/, ''), // without the trailing slash, as people write it
      TELEGRAM_BOT_TOKEN: '123456:TEST-token',
      TELEGRAM_API_ROOT: apiRoot,
      TELEGRAM_WEBHOOK_URL: 'https://bot.example/telegram/webhook',
      TELEGRAM_WEBHOOK_SECRET: 'serve_secret-1',
    });
    serving = await startServing({ ...config, port: 0 }, silentLogger());
    await serving.started;
    base = `http://127.0.0.1:${(serving.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await serving.stop();
    await slackApi.close();
    await telegramApi.stop();
  });

  it('should run Slack at POST /slack/events next to Telegram, in one process', async () => {
    expect(serving.channels.map((c) => c.name).sort()).toEqual(['slack', 'telegram']);
    expect(slackApi.callsOf('auth.test')).toHaveLength(1);
    const body = JSON.stringify(
      envelope(directMessage('Ich kenne niemanden.', 'U0SERVE01', 'D0SERVE01')),
    );
    const timestamp = String(Math.floor(Date.now() / 1000));
    const slack = await fetch(`${base}/slack/events`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-slack-request-timestamp': timestamp,
        'x-slack-signature': signRequest(secret, timestamp, body),
      },
      body,
    });
    expect(slack.status).toBe(200);
    const telegram = await fetch(`${base}/telegram/webhook`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-telegram-bot-api-secret-token': 'serve_secret-1',
      },
      body: JSON.stringify(textUpdate({ id: 777, first_name: 'Kim' }, 'Ich kenne niemanden.')),
    });
    expect(telegram.status).toBe(200);
    const [post] = await slackApi.waitFor('chat.postMessage');
    expect(post?.args.channel).toBe('D0SERVE01');
    expect(post?.token).toBe('xoxb-serve-test');
    await telegramApi.waitFor(() => telegramApi.callsOf('sendMessage', 777).length > 0);
    const ready = await fetch(`${base}/readyz`);
    expect(await ready.json()).toMatchObject({ slack: true, telegram: true });
  });
});

describe('SlackChannel modes', () => {
  const parts = () => ({
    ...realParts(),
    engine: testEngine(),
    store: new MemoryStore(),
    ledger: new MemoryDeliveryLedger(),
    deliveries: new Deliveries({
      inbox: new MemoryLanes(1_000),
      outbox: new MemoryLanes(1_000),
      hasher: new KeyHasher('test-key-secret-0123456789'),
      logger: silentLogger(),
      forgetUser: async () => undefined,
    }),
  });

  it('should use Socket Mode with an app token, and mount no HTTP route', () => {
    const channel = new SlackChannel({
      botToken: 'xoxb-socket',
      appToken: 'xapp-1-A0TEST-1-abc',
      app: parts(),
      stats: new MemoryObjectionStats(),
      logger: silentLogger(),
    });
    expect(channel.mode).toBe('socket');
    expect(channel.routes).toEqual([]);
    expect(channel.isReady()).toBe(false);
  });

  it('should use HTTP with a signing secret, at POST /slack/events', () => {
    const channel = new SlackChannel({
      botToken: 'xoxb-http',
      signingSecret: 'secret',
      app: parts(),
      stats: new MemoryObjectionStats(),
      logger: silentLogger(),
    });
    expect(channel.mode).toBe('http');
    expect(channel.routes.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /slack/events']);
  });

  it('should refuse to run over HTTP without a signing secret', () => {
    expect(
      () =>
        new SlackChannel({
          botToken: 'xoxb-http',
          app: parts(),
          stats: new MemoryObjectionStats(),
          logger: silentLogger(),
        }),
    ).toThrow(/SLACK_SIGNING_SECRET/);
  });
});
