import {
  App as BoltApp,
  SocketModeReceiver,
  type AnyMiddlewareArgs,
  type BlockAction,
  type ButtonAction,
  type MessageShortcut,
  type Middleware,
  type Receiver,
  type SlashCommand,
} from '@slack/bolt';
import type { App } from '../../app';
import type { SlackConfig } from '../../config';
import type { Logger } from '../../observability/logger';
import type { PictureRenderer } from '../../pictures/picture-renderer';
import { StoreUnavailableError } from '../../store/conversation-store';
import type { ObjectionStats } from '../../store/objection-stats';
import type { Channel, HttpRoute } from '../channel';
import type { SlackDelivery, SlackHttpReceiverOptions } from './slack-http-receiver';
import { SlackSender, type SlackOutgoing } from './slack-sender';
import { PRACTICE_ACTION } from './app-home';
import { boltLogger } from './bolt-logger';
import { CoachMessages } from './coach-messages';
import { CoachSettings } from './coach-settings';
import { loadCoachTexts, type CoachTexts } from './coach-texts';
import { ObjectionAnalyst } from './objection-analysis';
import { CHOICE_ACTION_PREFIX } from './slack-blocks';
import { SlackCoachTools, type CoachRequest } from './slack-coach-tools';
import { errorName, SlackConversations, type ButtonPress } from './slack-conversations';
import { personMessage, record, teamOf } from './slack-events';
import { SlackHttpReceiver } from './slack-http-receiver';
import { refusalOf } from './slack-startup';

/** The names the app manifest (slack/manifest.yml) gives the coach tools. */
export const SLACK_COMMANDS = { einwand: '/einwand', forget: '/tueroeffner-vergessen' } as const;
/** The callback id of the message shortcut "Einwand analysieren". */
export const ANALYSE_SHORTCUT = 'einwand_analysieren';

/** Slack's Web API address unless SLACK_API_URL says otherwise. */
const DEFAULT_API_URL = 'https://slack.com/api/';
/** Where slash commands and shortcuts may be answered through their response_url. */
const SLACK_HOOKS_ORIGIN = 'https://hooks.slack.com';

/** How Slack is reached, and the core the channel translates to. */
export interface SlackChannelOptions extends SlackConfig {
  app: Pick<App, 'engine' | 'classifiers' | 'content' | 'store' | 'ledger' | 'deliveries'>;
  stats: ObjectionStats;
  logger: Logger;
  /** The coach texts (default: responses/slack-coach.yml). */
  coachTexts?: CoachTexts;
  /** The clock of the signature check (tests). */
  now?: () => number;
  /** Renders the charts of replies as image uploads (files:write); without it only text is posted. */
  pictures?: PictureRenderer;
}

/**
 * Türöffner on Slack (Bolt): over HTTP at `POST /slack/events` on the shared
 * server, or over Socket Mode with an app token. Clients coach with the bot in
 * a direct message or by @-mention in a thread; coaches get `/einwand`, the
 * shortcut "Einwand analysieren" and the App Home. Over HTTP every payload is
 * recorded in the inbox (deduplicated by event_id, or by the payload itself)
 * and acknowledged at once; it is handled from there and the replies go out
 * through the outbox. Socket Mode claims each event_id before handling it.
 */
export class SlackChannel implements Channel {
  readonly name = 'slack';
  readonly routes: HttpRoute[];
  /** How events arrive: 'http' or 'socket'. */
  readonly mode: 'http' | 'socket';
  private readonly bolt: BoltApp;
  private readonly conversations: SlackConversations;
  private readonly tools: SlackCoachTools;
  private readonly httpReceiver?: SlackHttpReceiver;
  private ready = false;

  constructor(private readonly options: SlackChannelOptions) {
    const receiver = createReceiver(options, (delivery, acknowledged) =>
      this.recordDelivery(delivery, acknowledged),
    );
    this.mode = options.appToken ? 'socket' : 'http';
    if (receiver instanceof SlackHttpReceiver) this.httpReceiver = receiver;
    this.routes = this.httpReceiver ? [this.httpReceiver.route] : [];
    this.bolt = new BoltApp({
      token: options.botToken,
      receiver,
      logger: boltLogger(options.logger),
      clientOptions: {
        slackApiUrl: apiUrlOf(options.apiUrl),
        // A 429 waits Retry-After; other failures are retried a few times, then given up.
        retryConfig: { retries: 3, factor: 2, minTimeout: 500, maxTimeout: 5_000 },
        timeout: 10_000,
      },
      convoStore: false,
      deferInitialization: true, // auth.test runs in start(), not in the constructor
    });
    const { app, logger, stats } = options;
    this.conversations = new SlackConversations({
      engine: app.engine,
      ledger: app.ledger,
      deliveries: app.deliveries,
      stats,
      logger,
    });
    this.tools = createCoachTools(options);
    if (this.mode === 'socket') this.bolt.use(this.deduplicate);
    const sender = new SlackSender({
      token: options.botToken,
      apiUrl: apiUrlOf(options.apiUrl),
      timeoutMs: 10_000,
      logger,
      ...(options.pictures ? { pictures: options.pictures } : {}),
    });
    app.deliveries.register('slack', {
      handle: (payload) => this.process(payload as SlackDelivery),
      send: (message) => sender.send(message as SlackOutgoing),
      // Payloads are handled once Bolt knows the bot (auth.test in start); until then they wait.
      ready: () => this.ready,
    });
    this.listenToClients();
    this.listenToCoaches();
    this.bolt.error(async (error) => {
      const original: unknown = error.original ?? error;
      // Redis away: the inbox handles the payload again (the turn is idempotent), so it must see the failure.
      if (original instanceof StoreUnavailableError) throw original;
      this.options.logger.error(
        { event: 'slack.listener_failed', error: errorName(original) },
        'listener failed',
      );
    });
  }

  /** Checks the token (auth.test, which also tells Bolt the bot's own ids) and starts receiving. */
  async start(): Promise<void> {
    await this.bolt.init().catch(refusalOf('SLACK_BOT_TOKEN'));
    await this.bolt.start().catch(refusalOf('SLACK_APP_TOKEN'));
    this.ready = true;
    this.options.logger.info({ event: 'slack.started', mode: this.mode }, 'slack started');
  }

  async stop(): Promise<void> {
    this.ready = false;
    await this.bolt.stop().catch(() => undefined);
  }

  isReady(): boolean {
    return this.ready;
  }

  /** Resolves once every payload acknowledged so far has been handled and its replies sent. */
  async idle(): Promise<void> {
    await this.httpReceiver?.idle();
    await this.options.app.deliveries.idle();
  }

  // An acknowledged HTTP payload into the inbox: one lane per conversation place.
  // Once Slack has its 200 it resends nothing: then a maybe-recorded payload is queued in memory too.
  private async recordDelivery(
    delivery: SlackDelivery & { id: string; place: string },
    acknowledged: () => boolean,
  ): Promise<void> {
    const { id, place, ...payload } = delivery;
    const outcome = await this.options.app.deliveries.receive('slack', id, place, payload, () =>
      acknowledged() ? 'fallback' : 'refuse',
    );
    if (outcome === 'duplicate') {
      this.options.logger.info({ event: 'slack.duplicate' }, 'duplicate delivery ignored');
    }
  }

  // A payload from the inbox through Bolt's middleware and listeners (acknowledged long ago).
  private async process(delivery: SlackDelivery): Promise<void> {
    await this.bolt.processEvent({
      body: delivery.body,
      ack: async () => undefined,
      ...(delivery.retryNum !== undefined ? { retryNum: delivery.retryNum } : {}),
      ...(delivery.retryReason ? { retryReason: delivery.retryReason } : {}),
    });
  }

  // === Listeners

  // Direct messages, @-mentions and pressed buttons: conversations with the engine.
  private listenToClients(): void {
    const bolt = this.bolt;
    bolt.event('message', async ({ event, body, client }) => {
      const message = personMessage(event, teamOf(body) ?? '');
      if (message) await this.conversations.onDirectMessage(message, client);
    });
    bolt.event('app_mention', async ({ event, body, client, context }) => {
      const message = personMessage(event, teamOf(body) ?? '');
      if (message) await this.conversations.onMention(message, context.botUserId, client);
    });
    bolt.action<BlockAction<ButtonAction>>(
      { type: 'block_actions', action_id: new RegExp(`^${CHOICE_ACTION_PREFIX}`) },
      async ({ ack, body, action, client }) => {
        await ack();
        const press = buttonPress(body, action);
        if (press) await this.conversations.onButton(press, client);
      },
    );
  }

  // Slash commands, the message shortcut and the Home tab: acknowledged at once, answered afterwards.
  private listenToCoaches(): void {
    const bolt = this.bolt;
    bolt.command(SLACK_COMMANDS.einwand, async ({ ack, command, client }) => {
      await ack();
      await this.tools.onEinwand(commandRequest(command), command.text ?? '', client);
    });
    bolt.command(SLACK_COMMANDS.forget, async ({ ack, command, client }) => {
      await ack();
      await this.tools.onForget(commandRequest(command), client);
    });
    bolt.shortcut<MessageShortcut>(
      { type: 'message_action', callback_id: ANALYSE_SHORTCUT },
      async ({ ack, shortcut, client }) => {
        await ack();
        const text = typeof shortcut.message.text === 'string' ? shortcut.message.text : '';
        await this.tools.onShortcut(shortcutRequest(shortcut), text, client);
      },
    );
    bolt.action<BlockAction<ButtonAction>>(
      { type: 'block_actions', action_id: PRACTICE_ACTION },
      async ({ ack, body, client }) => {
        await ack();
        await this.conversations.onPracticeButton(body.team?.id ?? '', body.user.id, client);
      },
    );
    bolt.event('app_home_opened', async ({ event, body, client }) => {
      if (event.tab !== 'home') return;
      await this.tools.onHomeOpened(teamOf(body) ?? '', event.user, client);
    });
  }

  // Slack delivers events at least once (and retries while the first attempt may still run): claim the event_id first.
  private readonly deduplicate: Middleware<AnyMiddlewareArgs> = async ({ body, next }) => {
    const eventId = record(body)?.event_id;
    if (typeof eventId !== 'string') return next();
    const id = `slack:${eventId}`;
    const { ledger } = this.options.app;
    let claimed = true;
    try {
      claimed = await ledger.claim(id);
    } catch {
      // Without Redis no duplicate check is possible; answering twice is better than not at all.
    }
    if (!claimed) {
      this.options.logger.info({ event: 'slack.duplicate' }, 'duplicate delivery ignored');
      return;
    }
    try {
      await next();
    } catch (error) {
      await ledger.release(id);
      throw error;
    }
  };
}

// === Helpers

function createReceiver(
  options: SlackChannelOptions,
  record: SlackHttpReceiverOptions['record'],
): Receiver {
  if (options.appToken) {
    return new SocketModeReceiver({
      appToken: options.appToken,
      logger: boltLogger(options.logger),
    });
  }
  if (!options.signingSecret) {
    throw new Error(
      'Slack over HTTP needs SLACK_SIGNING_SECRET (or SLACK_APP_TOKEN for Socket Mode)',
    );
  }
  return new SlackHttpReceiver({
    signingSecret: options.signingSecret,
    logger: options.logger,
    record,
    ...(options.now ? { now: options.now } : {}),
  });
}

function createCoachTools(options: SlackChannelOptions): SlackCoachTools {
  const { app, logger, stats } = options;
  const coach = options.coachTexts ?? loadCoachTexts();
  return new SlackCoachTools({
    analyst: new ObjectionAnalyst(app.classifiers, app.content, coach),
    messages: new CoachMessages(coach, app.content),
    settings: new CoachSettings(app.store),
    engine: app.engine,
    stats,
    logger,
    responseOrigins: [SLACK_HOOKS_ORIGIN, new URL(apiUrlOf(options.apiUrl)).origin],
  });
}

// The Web API client joins method names to this address, so it must end in a slash.
function apiUrlOf(apiUrl: string | undefined): string {
  const url = apiUrl ?? DEFAULT_API_URL;
  return url.endsWith('/') ? url : `${url}/`;
}

function commandRequest(command: SlashCommand): CoachRequest {
  return {
    team: command.team_id,
    user: command.user_id,
    channel: command.channel_id,
    responseUrl: command.response_url,
  };
}

function shortcutRequest(shortcut: MessageShortcut): CoachRequest {
  return {
    team: shortcut.team?.id ?? shortcut.user.team_id ?? '',
    user: shortcut.user.id,
    channel: shortcut.channel.id,
    responseUrl: shortcut.response_url,
  };
}

function buttonPress(body: BlockAction, action: ButtonAction): ButtonPress | undefined {
  const container = record(body.container);
  const channel = body.channel?.id ?? container?.channel_id;
  const message = body.message;
  if (typeof channel !== 'string' || !message || !action.value) return undefined;
  return {
    team: teamOf(body) ?? '',
    user: body.user.id,
    channel,
    messageTs: message.ts,
    messageText: typeof message.text === 'string' ? message.text : '',
    messageBlocks: message.blocks,
    ...(typeof message.thread_ts === 'string' ? { threadTs: message.thread_ts } : {}),
    choice: action.value,
    label: action.text.text,
  };
}
