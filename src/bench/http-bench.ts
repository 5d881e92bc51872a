import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Redis from 'ioredis';
import { freePort, OwnRedisServer } from './own-redis-server';
import { FakePlatformApi, type Fault } from './fake-platform-apis';
import { slackDm, telegramChat, TURN_TEXTS, type Ack } from './http-load';
import { percentile } from './percentile';

const TELEGRAM_CHATS = 200;
const SLACK_DMS = 50;
const WEBHOOK_SECRET = 'bench_webhook_secret';
const SIGNING_SECRET = 'bench-signing-secret';
/** retry_after is scaled by this in the bench (30 s become 3 s, 2 s become 0.2 s), so it stays bounded. */
const RETRY_AFTER_SCALE = 0.1;
/** The send rates are raised by this against the fake APIs (else 8,000 Telegram replies at 30/s take 4½ minutes). */
const SEND_RATE_SCALE = 20;

/** What the fakes inject into sends: 2 % 429 retry_after 2, 0.5 % 429 retry_after 30, 2 % 500, 1 % resets. */
function randomFault(): Fault | undefined {
  const r = Math.random();
  if (r < 0.02) return { kind: '429', retryAfter: 2 };
  if (r < 0.025) return { kind: '429', retryAfter: 30 };
  if (r < 0.045) return { kind: '500' };
  if (r < 0.055) return { kind: 'reset' };
  return undefined;
}

/**
 * The HTTP load bench: `tueroeffner serve` as its own process (webhook and
 * Slack over HTTP, a private redis-server), 200 Telegram chats × 20 turns and
 * 50 Slack DMs × 20 signed events at once, fake APIs injecting 429s, 500s and
 * resets, and Redis killed once and frozen once. Prints replies expected /
 * sent / duplicated / lost, acknowledgement latency, outbox depth and drain
 * time, RSS and Redis commands per message. The gate: 0 lost, 0 duplicated.
 */
export async function benchHttp(print: (line: string) => void): Promise<boolean> {
  const redis = new OwnRedisServer(await freePort());
  await redis.start();
  const telegram = new FakePlatformApi('telegram', randomFault);
  const slack = new FakePlatformApi('slack', randomFault);
  const [telegramRoot, slackUrl] = await Promise.all([telegram.start(), slack.start()]);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const bot = startBot(port, redis.url, telegramRoot, slackUrl);
  const watcher = new RedisWatcher(redis.url);
  try {
    await bot.ready();
    watcher.start();
    const acks: Record<'telegram' | 'slack', Ack[]> = { telegram: [], slack: [] };
    const total = (TELEGRAM_CHATS + SLACK_DMS) * TURN_TEXTS.length;
    const faults = new FaultSchedule(redis, total);
    const onAck = (platform: 'telegram' | 'slack') => (ack: Ack) => {
      acks[platform].push(ack);
      faults.progress(acks.telegram.length + acks.slack.length);
    };
    const started = Date.now();
    await Promise.all([
      ...Array.from({ length: TELEGRAM_CHATS }, (_, i) =>
        telegramChat(base, WEBHOOK_SECRET, 910_000 + i, 1_000_000 + i * 100, onAck('telegram')),
      ),
      ...Array.from({ length: SLACK_DMS }, (_, i) =>
        slackDm(base, SIGNING_SECRET, i, onAck('slack')),
      ),
    ]);
    const loadMs = Date.now() - started;
    await faults.done();
    const lastAck = Date.now();
    await watcher.drained();
    const drainMs = Math.max(0, Math.max(telegram.lastDeliveryAt, slack.lastDeliveryAt) - lastAck);
    await bot.stop();
    watcher.stop();

    const sent = bot.sentEntries();
    const acked = [...acks.telegram, ...acks.slack].map((ack) => ack.deliveryId);
    const answered = new Set([...sent.keys()].map((entry) => entry.split('#')[0] ?? ''));
    const lostIds = acked.filter((id) => !answered.has(id));
    const lost = lostIds.length;
    if (lost) print(`http: lost: ${lostIds.slice(0, 10).join(', ')}`);
    const duplicated = [...sent.values()].reduce((sum, count) => sum + count - 1, 0);
    const sentTotal = [...sent.values()].reduce((sum, count) => sum + count, 0);
    const deliveredAtFakes = telegram.counts.delivered + slack.counts.delivered;
    const resent = [...acks.telegram, ...acks.slack].filter((ack) => ack.attempts > 1).length;
    print(
      `http: ${acked.length} messages acknowledged (${TELEGRAM_CHATS} Telegram chats × ${TURN_TEXTS.length} over the webhook, ` +
        `${SLACK_DMS} Slack DMs × ${TURN_TEXTS.length} signed events) in ${(loadMs / 1000).toFixed(1)} s; ${resent} had to be resent after a non-2xx`,
    );
    print(
      `http: replies expected for ${acked.length} messages (≥ 1 each), sent ${sentTotal} ` +
        `(the fake APIs counted ${deliveredAtFakes}), duplicated ${duplicated}, lost ${lost} (messages without any reply)`,
    );
    for (const platform of ['telegram', 'slack'] as const) {
      const ms = acks[platform].map((ack) => ack.ms);
      print(
        `http: ${platform} ack p50 ${percentile(ms, 50).toFixed(1)} ms, p99 ${percentile(ms, 99).toFixed(1)} ms, max ${Math.max(...ms).toFixed(0)} ms`,
      );
    }
    print(
      `http: faults injected: Telegram ${JSON.stringify(telegram.counts.faults)}, Slack ${JSON.stringify(slack.counts.faults)}; ` +
        `redis-server killed once (down ${faults.killedMs} ms) and frozen once (${faults.frozenMs} ms); ` +
        `retry_after scaled by ${RETRY_AFTER_SCALE}, send rates by ${SEND_RATE_SCALE}`,
    );
    print(
      `http: outbox depth max ${watcher.maxOutbox}, inbox depth max ${watcher.maxInbox}; drain after the last acknowledgement ${(drainMs / 1000).toFixed(1)} s; ` +
        `bot peak RSS ${bot.peakRssMb().toFixed(0)} MB; Redis commands per message ${(watcher.commands / acked.length).toFixed(1)} ` +
        `(everything, inside scripts too, idle polling included), ` +
        `round trips per message ${(watcher.roundTrips / acked.length).toFixed(1)}`,
    );
    const gate = lost === 0 && duplicated === 0 && sentTotal === deliveredAtFakes;
    print(`http: gate (0 lost, 0 duplicated): ${gate ? 'passed' : 'FAILED'}`);
    return gate;
  } finally {
    watcher.stop();
    await bot.stop();
    await Promise.all([telegram.stop(), slack.stop()]);
    await redis.stop();
  }
}

// === The bot process

interface BotProcess {
  ready(): Promise<void>;
  stop(): Promise<void>;
  /** How often each outbox entry was reported sent (from the bot's debug log: ids only, no texts). */
  sentEntries(): Map<string, number>;
  peakRssMb(): number;
}

function startBot(
  port: number,
  redisUrl: string,
  telegramRoot: string,
  slackUrl: string,
): BotProcess {
  const bin = path.join(__dirname, '..', '..', 'bin', 'tueroeffner.js');
  const child = spawn(process.execPath, [bin, 'serve'], {
    env: {
      ...process.env,
      PORT: String(port),
      REDIS_URL: redisUrl,
      REDIS_KEY_SECRET: 'bench-key-secret-0123456789',
      TELEGRAM_BOT_TOKEN: '123456:BENCH-token',
      TELEGRAM_API_ROOT: telegramRoot,
      TELEGRAM_WEBHOOK_URL: `http://127.0.0.1:${port}/telegram/webhook`,
      TELEGRAM_WEBHOOK_SECRET: WEBHOOK_SECRET,
      SLACK_BOT_TOKEN: 'xoxb-bench',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slackUrl,
      SLACK_APP_TOKEN: '',
      RETRY_AFTER_SCALE: String(RETRY_AFTER_SCALE),
      SEND_RATE_SCALE: String(SEND_RATE_SCALE),
      LOG_LEVEL: 'debug',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const sent = new Map<string, number>();
  let rest = '';
  // BENCH_LOG=<file> keeps the bot's log (ids and events only, never texts) for a look afterwards.
  const keep = process.env.BENCH_LOG ? fs.createWriteStream(process.env.BENCH_LOG) : undefined;
  child.stderr.on('data', (chunk: Buffer) => {
    keep?.write(chunk);
    const lines = (rest + chunk.toString('utf8')).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.includes('"outbox.sent"')) continue;
      const entry = (JSON.parse(line) as { entry?: string }).entry;
      if (entry) sent.set(entry, (sent.get(entry) ?? 0) + 1);
    }
  });
  let peakKb = 0;
  const rss = setInterval(() => {
    try {
      const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
      peakKb = Math.max(peakKb, Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0));
    } catch {
      // not on Linux, or the process ended
    }
  }, 200);
  let stopped: Promise<void> | undefined;
  return {
    ready: async () => {
      for (let i = 0; i < 300; i++) {
        const ok = await fetch(`http://127.0.0.1:${port}/readyz`).then(
          (r) => r.ok,
          () => false,
        );
        if (ok) return;
        if (child.exitCode !== null) throw new Error('serve exited at start');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error('serve did not become ready');
    },
    stop: () => {
      stopped ??= new Promise<void>((resolve) => {
        clearInterval(rss);
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
      return stopped;
    },
    sentEntries: () => sent,
    peakRssMb: () => peakKb / 1024,
  };
}

// === Faults on the schedule: Redis killed at a quarter of the load, frozen at 60 %

class FaultSchedule {
  killedMs = 0;
  frozenMs = 0;
  private readonly pending: Promise<void>[] = [];
  private killed = false;
  private frozen = false;

  constructor(
    private readonly redis: OwnRedisServer,
    private readonly total: number,
  ) {}

  progress(acked: number): void {
    if (!this.killed && acked >= this.total * 0.25) {
      this.killed = true;
      this.pending.push(this.kill());
    }
    if (!this.frozen && acked >= this.total * 0.6) {
      this.frozen = true;
      this.pending.push(this.freeze());
    }
  }

  async done(): Promise<void> {
    await Promise.all(this.pending);
  }

  private async kill(): Promise<void> {
    const started = Date.now();
    await this.redis.kill();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await this.redis.start();
    this.killedMs = Date.now() - started;
  }

  private async freeze(): Promise<void> {
    this.redis.freeze(true);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    this.redis.freeze(false);
    this.frozenMs = 3_000;
  }
}

// === What Redis holds and does, sampled

class RedisWatcher {
  commands = 0;
  /** Round trips: commands a client sends (scripts, reads, the clock, statistics transactions), not those inside scripts. */
  roundTrips = 0;
  private lastTrips = 0;
  maxOutbox = 0;
  maxInbox = 0;
  private readonly client: Redis;
  private timer?: NodeJS.Timeout;
  private lastCalls = 0;
  private sampling = false;
  /** Commands the watcher itself sent since the last INFO (they are not the bot's). */
  private ownCalls = 0;

  constructor(url: string) {
    this.client = new Redis(url, {
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      commandTimeout: 500,
    });
    this.client.on('error', () => undefined);
  }

  start(): void {
    this.timer = setInterval(() => void this.sample(), 250);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.client.disconnect();
  }

  /** Resolves once no lane holds an entry (everything handled and sent). */
  async drained(): Promise<void> {
    for (;;) {
      const depths = await this.depths().catch(() => undefined);
      if (depths && depths.inbox === 0 && depths.outbox === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  private async sample(): Promise<void> {
    if (this.sampling) return;
    this.sampling = true;
    try {
      const depths = await this.depths();
      this.maxInbox = Math.max(this.maxInbox, depths.inbox);
      this.maxOutbox = Math.max(this.maxOutbox, depths.outbox);
      const info = String(await this.client.info('commandstats'));
      const calls = totalCalls(info);
      const trips = roundTrips(info);
      this.roundTrips += Math.max(
        0,
        (trips >= this.lastTrips ? trips - this.lastTrips : trips) - 1,
      );
      this.lastTrips = trips;
      // A restarted Redis counts from zero again; the watcher's own calls (INFO, KEYS, LLEN) are not the bot's.
      const delta = calls >= this.lastCalls ? calls - this.lastCalls : calls;
      this.commands += Math.max(0, delta - this.ownCalls);
      this.ownCalls = 1;
      this.lastCalls = calls;
    } catch {
      // Redis is down or frozen: nothing to sample now
    } finally {
      this.sampling = false;
    }
  }

  private async depths(): Promise<{ inbox: number; outbox: number }> {
    const depth = async (name: string): Promise<number> => {
      const lanes = await this.client.keys(`tueroeffner:{q}:${name}:lane:*`);
      const lengths = await Promise.all(lanes.map((lane) => this.client.llen(lane)));
      this.ownCalls += 1 + lanes.length;
      return lengths.reduce((sum, n) => sum + n, 0);
    };
    return { inbox: await depth('in'), outbox: await depth('out') };
  }
}

// The commands only a client sends: every script call is one EVALSHA, whatever it does inside.
const CLIENT_COMMANDS = ['evalsha', 'eval', 'hmget', 'time', 'ping', 'exec', 'info'];

function roundTrips(info: string): number {
  let total = 0;
  for (const match of info.matchAll(/cmdstat_(\w+):calls=(\d+)/g)) {
    if (CLIENT_COMMANDS.includes(match[1] ?? '')) total += Number(match[2]);
  }
  return total;
}

function totalCalls(info: string): number {
  let total = 0;
  for (const match of info.matchAll(/calls=(\d+)/g)) total += Number(match[1]);
  return total;
}
