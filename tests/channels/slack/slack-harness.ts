import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type Redis from 'ioredis';
import pino from 'pino';
import { SlackChannel } from '../../../src/channels/slack/slack-channel';
import { signRequest } from '../../../src/channels/slack/slack-signature';
import { createHttpServer } from '../../../src/server/http-server';
import { RedisObjectionStats } from '../../../src/store/objection-stats';
import { connectRedis, createRedisClient } from '../../../src/store/redis-client';
import type { RedisStore } from '../../../src/store/redis-store';
import type { Voice } from '../../../src/engine/content';
import { FakeSlackApi, type SlackApiCall } from '../../helpers/fake-slack-api';
import { TEST_REDIS_URL } from '../../helpers/redis';
import { realParts } from '../../helpers/test-engine';
import { testPipeline, type PipelineOptions, type TestPipeline } from '../../helpers/test-pipeline';

/** The signing secret the test app is configured with. */
export const SIGNING_SECRET = 'test-signing-secret-8f2c4e';

/** How a test request is signed and which headers it carries. */
export interface SendOptions {
  /** Seconds since the epoch in X-Slack-Request-Timestamp (default: now). */
  timestamp?: number;
  /** The secret to sign with (default: the right one). */
  secret?: string;
  retryNum?: number;
  retryReason?: string;
  /** Headers to send instead of the computed ones (undefined drops a header). */
  headers?: Record<string, string | undefined>;
}

/** What came back from the app. */
export interface SlackResponse {
  status: number;
  body: string;
  headers: http.IncomingHttpHeaders;
  ms: number;
}

/**
 * Türöffner's Slack channel running over real HTTP: the shared HTTP server with
 * POST /slack/events, the real engine and classifiers, state, delivery ledger
 * and statistics in a real redis-server under a test prefix, and a fake Slack
 * Web API that records every call.
 */
export class SlackHarness {
  readonly logs: string[] = [];

  private constructor(
    readonly api: FakeSlackApi,
    readonly channel: SlackChannel,
    readonly server: http.Server,
    readonly redis: Redis,
    readonly store: RedisStore,
    readonly stats: RedisObjectionStats,
    readonly prefix: string,
    logs: string[],
    readonly pipeline: TestPipeline,
  ) {
    this.logs = logs;
  }

  /** Starts everything; `prefix` keeps this test file's Redis keys apart. */
  static async start(prefix: string, options: PipelineOptions = {}): Promise<SlackHarness> {
    const api = await FakeSlackApi.start();
    const redis = createRedisClient(TEST_REDIS_URL);
    if (!(await connectRedis(redis))) throw new Error(`no redis-server at ${TEST_REDIS_URL}`);
    const stats = new RedisObjectionStats(redis, prefix);
    const logs: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void logs.push(line) });
    const pipeline = testPipeline(redis, prefix, { logger, ...options });
    const store = pipeline.redisStore;
    const app = {
      ...realParts(),
      engine: pipeline.engine,
      store: pipeline.store,
      ledger: pipeline.ledger,
      deliveries: pipeline.deliveries,
    };
    const channel = new SlackChannel({
      botToken: 'xoxb-test-token',
      signingSecret: SIGNING_SECRET,
      apiUrl: api.url,
      app,
      stats,
      logger,
    });
    const server = createHttpServer(channel.routes, async () => ({ slack: channel.isReady() }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    pipeline.deliveries.start();
    await channel.start();
    return new SlackHarness(api, channel, server, redis, store, stats, prefix, logs, pipeline);
  }

  /** The events endpoint. */
  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/slack/events`;
  }

  /** Posts an Events API envelope as JSON. */
  event(body: unknown, options: SendOptions = {}): Promise<SlackResponse> {
    return this.post(JSON.stringify(body), 'application/json', options);
  }

  /** Posts a slash command as Slack's form body. */
  command(fields: Record<string, string>, options: SendOptions = {}): Promise<SlackResponse> {
    return this.post(new URLSearchParams(fields).toString(), FORM, options);
  }

  /** Posts an interaction (block_actions, message_action) as a form with one `payload` field. */
  interaction(payload: unknown, options: SendOptions = {}): Promise<SlackResponse> {
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    return this.post(body, FORM, options);
  }

  /** Posts a body, signed as `options` say. */
  async post(body: string, contentType: string, options: SendOptions = {}): Promise<SlackResponse> {
    const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
    const headers: Record<string, string | undefined> = {
      'content-type': contentType,
      'x-slack-request-timestamp': timestamp,
      'x-slack-signature': signRequest(options.secret ?? SIGNING_SECRET, timestamp, body),
      ...(options.retryNum !== undefined
        ? {
            'x-slack-retry-num': String(options.retryNum),
            'x-slack-retry-reason': options.retryReason ?? 'http_timeout',
          }
        : {}),
      ...options.headers,
    };
    const started = Date.now();
    const response = await fetch(this.url, {
      method: 'POST',
      headers: Object.fromEntries(
        Object.entries(headers).filter(
          (entry): entry is [string, string] => entry[1] !== undefined,
        ),
      ),
      body,
    });
    const text = await response.text();
    return {
      status: response.status,
      body: text,
      headers: Object.fromEntries(response.headers),
      ms: Date.now() - started,
    };
  }

  /** Waits until every payload sent so far has been processed (all listeners finished). */
  /** Sends, waits until the bot is done, and returns the Web API calls this step caused. */
  async step(send: () => Promise<{ status: number }>): Promise<SlackApiCall[]> {
    const mark = this.api.calls.length;
    const { status } = await send();
    if (status !== 200) throw new Error(`Slack request answered ${status}`);
    await this.settle();
    return this.api.calls.slice(mark);
  }

  settle(): Promise<void> {
    return this.channel.idle();
  }

  /** The keys of a Slack user of the test team (named by the keyed hash of the user, never the id). */
  async userKeys(user: string, team = 'T0TEST'): Promise<string[]> {
    const tag = this.store.userTag(`slack:${team}:${user}`);
    const named = await this.keys(`*${user}*`);
    return [...named, ...(await this.keys(`*${tag}*`))];
  }

  /** All keys under this harness's prefix. */
  keys(pattern = '*'): Promise<string[]> {
    return this.redis.keys(`${this.prefix}${pattern}`);
  }

  async close(): Promise<void> {
    await this.channel.stop();
    await this.pipeline.deliveries.stop();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    const keys = await this.keys();
    if (keys.length) await this.redis.del(...keys);
    this.redis.disconnect();
    await this.api.close();
  }
}

const FORM = 'application/x-www-form-urlencoded';

/** The text of every block and the fallback text of a recorded message, for assertions. */
export function allText(args: Record<string, unknown>): string {
  return [String(args.text ?? ''), JSON.stringify(args.blocks ?? '')].join('\n');
}

/** A message the bot posted, as a block_actions payload refers to it. */
export interface PostedMessage {
  channel: string;
  ts: string;
  text: string;
  blocks: unknown[];
  threadTs?: string;
}

/** The message a recorded chat.postMessage call created. */
export function posted(call: SlackApiCall): PostedMessage {
  const threadTs = call.args.thread_ts;
  return {
    channel: String(call.args.channel),
    ts: String(call.response?.ts),
    text: String(call.args.text ?? ''),
    blocks: Array.isArray(call.args.blocks) ? call.args.blocks : [],
    ...(typeof threadTs === 'string' ? { threadTs } : {}),
  };
}

/** The texts of the chat.postMessage calls among some recorded calls, as the user reads them. */
export function postedTexts(calls: SlackApiCall[]): string {
  return calls
    .filter((c) => c.method === 'chat.postMessage')
    .map((c) => readable(String(c.args.text)))
    .join('\n');
}

/** The last message the bot posted among some recorded calls. */
export function lastPosted(calls: SlackApiCall[]): PostedMessage {
  const last = calls.filter((c) => c.method === 'chat.postMessage').at(-1);
  if (!last) throw new Error('the bot posted nothing');
  return posted(last);
}

/** A posted text as the user reads it (Slack's three escapes undone). */
export function readable(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** The button labels of a posted message. */
export function buttonLabels(message: PostedMessage): string[] {
  const actions = message.blocks.find((b) => (b as { type?: string }).type === 'actions') as
    | { elements: { text: { text: string } }[] }
    | undefined;
  return actions?.elements.map((e) => e.text.text) ?? [];
}

/** The variants of a response key in a voice (from responses/), for "one of these was said". */
export function variants(key: string, voice: Voice = 'de-sie'): string[] {
  return (realParts().content.texts[voice][key] ?? []).map((v) => v.text);
}

/** Whether a text contains one variant of a response key (placeholders match any words). */
export function saysKey(text: string, key: string, voice: Voice = 'de-sie'): boolean {
  const said = readable(text);
  return variants(key, voice).some((variant) => {
    const pattern = variant.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{\w+\}/g, '[^\n]+?');
    return new RegExp(pattern).test(said);
  });
}
