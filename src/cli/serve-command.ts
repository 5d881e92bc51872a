import type http from 'node:http';
import { createApp, type App } from '../app';
import type { Channel } from '../channels/channel';
import { SlackChannel } from '../channels/slack/slack-channel';
import { TelegramChannel } from '../channels/telegram/telegram-channel';
import { hasChannels, loadConfig, type Config } from '../config';
import { createLogger, type Logger } from '../observability/logger';
import { Metrics } from '../observability/metrics';
import { createHttpServer } from '../server/http-server';
import { createObjectionStats } from '../store/objection-stats';
import { chatCommand } from './chat-command';
import type { CliOptions } from './cli-options';

/** How long a shutdown may take before the process exits anyway. */
const SHUTDOWN_LIMIT_MS = 5_000;

/** `tueroeffner serve`: every configured channel plus the HTTP server on PORT. */
export async function serveCommand(): Promise<number> {
  const config = loadConfig();
  const metrics = new Metrics();
  const logger = createLogger(undefined, undefined, () => metrics.error());
  const running = await startServing(config, logger, metrics);
  await new Promise<void>((resolve) => {
    process.once('SIGTERM', resolve);
    process.once('SIGINT', resolve);
  });
  logger.info({ event: 'shutdown' }, 'shutting down');
  const limit = setTimeout(() => process.exit(1), SHUTDOWN_LIMIT_MS);
  limit.unref();
  await running.stop();
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
  stop(): Promise<void>;
}

/** Builds and starts channels and the HTTP server (also used by tests, in-process). */
export async function startServing(
  config: Config,
  logger: Logger,
  metrics = new Metrics(),
): Promise<Serving> {
  const core = await createApp(
    config,
    (message) => logger.warn({ event: 'startup' }, message),
    (event) => metrics.turn(event),
    logger,
  );
  metrics.watchStore(() => core.storeReady());
  metrics.watchQueues(() => core.deliveries.depth());
  core.deliveries.onDuplicate(() => metrics.duplicate());
  const app = { ...core, ledger: metrics.countingLedger(core.ledger) };
  const channels: Channel[] = [];
  if (config.telegram) {
    channels.push(
      new TelegramChannel({
        ...config.telegram,
        engine: app.engine,
        ledger: app.ledger,
        deliveries: app.deliveries,
        forgetUser: (userId) => app.store.forgetUser(userId),
        logger,
      }),
    );
  }
  if (config.slack) {
    const stats = createObjectionStats(app.redis);
    channels.push(new SlackChannel({ ...config.slack, app, stats, logger }));
  }
  const server = createHttpServer(
    [...channels.flatMap((channel) => channel.routes), metrics.route()],
    async () => ({
      store: await app.storeReady(),
      ...Object.fromEntries(channels.map((channel) => [channel.name, channel.isReady()])),
    }),
  );
  await new Promise<void>((resolve) => server.listen(config.port, resolve));
  logger.info({ event: 'listening', port: config.port }, 'HTTP server listening');
  app.deliveries.start(); // the channels registered their handlers and senders
  for (const channel of channels) await channel.start();
  return {
    app,
    server,
    channels,
    stop: async () => {
      // Stop taking updates, let the ones in flight finish (queued ones stay queued), then close Redis.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.all(channels.map((channel) => channel.stop()));
      await closed;
      await app.close();
    },
  };
}
