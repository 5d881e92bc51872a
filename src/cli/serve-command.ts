import type http from 'node:http';
import { createApp, type App } from '../app';
import type { Channel } from '../channels/channel';
import { SlackChannel } from '../channels/slack/slack-channel';
import { TelegramChannel } from '../channels/telegram/telegram-channel';
import { hasChannels, loadConfig, type Config } from '../config';
import { errorName, StartupRefusedError } from '../errors';
import { createLogger, type Logger } from '../observability/logger';
import { Metrics } from '../observability/metrics';
import { PictureRenderer } from '../pictures/picture-renderer';
import { configurePseudonyms } from '../observability/pseudonym';
import { createHttpServer } from '../server/http-server';
import { RequestDrain } from '../server/request-drain';
import { ChannelStarter } from '../startup/channel-starter';
import { ShutdownSignal } from '../startup/shutdown-signal';
import { createObjectionStats } from '../store/objection-stats';
import { chatCommand } from './chat-command';
import type { CliOptions } from './cli-options';

/** How long a shutdown may take before the process exits anyway (with code 1). */
const SHUTDOWN_LIMIT_MS = 5_000;
/** How long requests in flight may take to finish at shutdown, leaving time to close Redis. */
const DRAIN_LIMIT_MS = 3_500;
/** What a shutdown keeps in hand for stopping the workers and quitting Redis. */
const CLOSE_MARGIN_MS = 1_000;

/**
 * `tueroeffner serve`: every configured channel plus the HTTP server on PORT.
 * Either serves or says why it cannot: a refused configuration ends it with
 * code 1 and one line naming the setting; an unreachable platform is retried
 * (and logged) while the rest serves. SIGTERM ends it with code 0.
 */
export async function serveCommand(): Promise<number> {
  const shutdown = new ShutdownSignal(); // first, before anything can hang
  void shutdown.requested.then(() => setTimeout(() => process.exit(1), SHUTDOWN_LIMIT_MS).unref());
  const metrics = new Metrics();
  const logger = createLogger(undefined, undefined, () => metrics.error());
  const serving = await startServing(loadConfig(), logger, metrics, shutdown.signal);
  const refusal = await Promise.race([shutdown.requested.then(() => undefined), serving.refused]);
  logger.info(
    { event: 'shutdown', reason: refusal ? 'startup_refused' : 'signal' },
    'shutting down',
  );
  await serving.stop();
  logger.flush();
  if (refusal) throw refusal; // printed as one line by main, exit code 1
  return 0;
}

/** `npm start`: serve when a channel is configured, otherwise the terminal chat. */
export async function startCommand(options: CliOptions): Promise<number> {
  return hasChannels(loadConfig()) ? serveCommand() : chatCommand(options);
}

/** The running bot: its HTTP server and a stop that finishes what is in flight. */
export interface Serving {
  app: App;
  server: http.Server;
  channels: Channel[];
  /** Resolves once every channel has started (never, while one is being retried). */
  started: Promise<void>;
  /** Resolves with the refusal if a platform refuses the configuration (never otherwise). */
  refused: Promise<StartupRefusedError>;
  stop(): Promise<void>;
}

/**
 * Builds the core, serves HTTP, and starts every channel on its own (also
 * used by tests, in-process): one that cannot start yet never holds up another.
 */
export async function startServing(
  config: Config,
  logger: Logger,
  metrics = new Metrics(),
  signal: AbortSignal = new AbortController().signal,
): Promise<Serving> {
  configurePseudonyms(config.pseudonymKey, (guidance) =>
    logger.warn({ event: 'pseudonym.key_generated' }, guidance),
  );
  const core = await createApp(config, {
    logger,
    observe: (event) => metrics.turn(event),
    models: 'trained',
  });
  metrics.watchStore(() => core.storeReady());
  metrics.watchQueues(() => core.deliveries.depth());
  core.deliveries.onDuplicate(() => metrics.duplicate());
  const app = { ...core, ledger: metrics.countingLedger(core.ledger) };
  const channels = createChannels(config, app, logger);
  const stopping = new AbortController();
  const starting = AbortSignal.any([signal, stopping.signal]);
  const starters = channels.map((channel) => new ChannelStarter(channel, logger, starting));
  const drain = new RequestDrain();
  const server = createHttpServer(
    [...channels.flatMap((channel) => channel.routes), metrics.route()],
    async () => ({
      store: await app.storeReady(),
      ...Object.fromEntries(channels.map((channel) => [channel.name, channel.isReady()])),
    }),
    { drain, readinessDetails: () => startDetails(channels, starters) },
  );
  await new Promise<void>((resolve) => server.listen(config.port, resolve));
  logger.info({ event: 'listening', port: config.port }, 'HTTP server listening');
  app.deliveries.start(); // the channels registered their handlers and senders
  const runs = starters.map((starter) => starter.run());
  const started = Promise.all(runs).then(() => undefined);
  // A refusal is reported once, through `refused`; unawaited, `started` would also reject as
  // unhandled and crash the process with a stack trace before that one clear line is printed.
  started.catch(() => undefined);
  return {
    app,
    server,
    channels,
    started,
    refused: firstRefusal(runs, logger),
    stop: async () => {
      // Stop taking work, let what is in flight finish (queued updates and replies stay queued),
      // close every socket, then Redis.
      const closeBy = Date.now() + SHUTDOWN_LIMIT_MS - CLOSE_MARGIN_MS;
      stopping.abort();
      const closed = drain.close(server, DRAIN_LIMIT_MS);
      await Promise.all(channels.map((channel) => channel.stop()));
      await closed;
      // Replies queued only in memory (Redis was away) get what is left of the shutdown limit.
      await app.close(Math.max(0, closeBy - Date.now()));
    },
  };
}

function createChannels(config: Config, app: App, logger: Logger): Channel[] {
  const channels: Channel[] = [];
  const pictures = new PictureRenderer();
  if (config.telegram) {
    channels.push(
      new TelegramChannel({
        ...config.telegram,
        engine: app.engine,
        ledger: app.ledger,
        deliveries: app.deliveries,
        forgetUser: (userId) => app.engine.forgetUser(userId),
        logger,
        pictures,
      }),
    );
  }
  if (config.slack) {
    const stats = createObjectionStats(app.redis);
    channels.push(new SlackChannel({ ...config.slack, app, stats, logger, pictures }));
  }
  return channels;
}

// What /readyz adds about the channels that are not up yet: their start attempts and last error.
function startDetails(channels: Channel[], starters: ChannelStarter[]): Record<string, unknown> {
  return Object.fromEntries(
    channels.flatMap((channel, i) =>
      channel.isReady() ? [] : [[channel.name, { ...starters[i]?.status }]],
    ),
  );
}

function firstRefusal(runs: Promise<void>[], logger: Logger): Promise<StartupRefusedError> {
  return new Promise((resolve) => {
    for (const run of runs) {
      run.catch((error: unknown) => {
        if (error instanceof StartupRefusedError) return resolve(error);
        logger.error({ event: 'channel.start_crashed', error: errorName(error) }, 'start crashed');
      });
    }
  });
}
