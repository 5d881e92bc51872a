import crypto from 'node:crypto';
import { autoRetry } from '@grammyjs/auto-retry';
import { Bot, type Context } from 'grammy';
import type { Update } from 'grammy/types';
import { currentDeliveryId } from '../../delivery/delivery-context';
import type { Deliveries } from '../../delivery/deliveries';
import { LanesFullError } from '../../delivery/memory-lanes';
import type { Engine } from '../../engine/engine';
import type { IncomingMessage } from '../../engine/types';
import { errorName } from '../../errors';
import { hashId, type Logger } from '../../observability/logger';
import type { PictureRenderer } from '../../pictures/picture-renderer';
import { StoreUnavailableError } from '../../store/conversation-store';
import type { DeliveryLedger } from '../../store/delivery-ledger';
import { BodyTooLargeError, readBody, refuseTooLarge, respond } from '../../server/http-server';
import type { Channel, HttpRoute, OptionalCall } from '../channel';
import { commandMenus, commandOf } from './telegram-commands';
import { TelegramPoller } from './telegram-poller';
import { TelegramSender, telegramMessages, type TelegramMessage } from './telegram-sender';
import { refusalOf, startupApi } from './telegram-startup';

/** How Telegram is reached and what the channel talks to. */
export interface TelegramChannelOptions {
  token: string;
  apiRoot?: string;
  webhook?: { url: string; secret: string };
  engine: Engine;
  /** One-time claims (a pressed keyboard acts once). */
  ledger: DeliveryLedger;
  /** The inbox and outbox: updates are recorded there, replies queued there. */
  deliveries: Deliveries;
  /** Deletes everything stored about a user (a chat that removed the bot). */
  forgetUser(userId: string): Promise<void>;
  logger: Logger;
  /** How long one sendMessage may take before it counts as failed (default 10 s). */
  sendTimeoutSeconds?: number;
  /** Renders the charts of replies (the network count, progress); without it only their text is sent. */
  pictures?: PictureRenderer;
}

/**
 * The update types the bot asks for: edits only to ignore them on purpose,
 * my_chat_member to forget a user who blocked or removed the bot.
 */
const ALLOWED_UPDATES = ['message', 'edited_message', 'callback_query', 'my_chat_member'] as const;

/**
 * Türöffner on Telegram (grammY): long polling or a webhook with a secret
 * token. Every update is first recorded in the inbox (the webhook answers
 * once it is; polling confirms it to Telegram only then), handled from there,
 * and its replies go out through the outbox. A thin translation: updates
 * become engine messages, replies become messages with inline keyboards.
 */
export class TelegramChannel implements Channel {
  readonly name = 'telegram';
  readonly routes: HttpRoute[];
  private readonly bot: Bot;
  private readonly sender: TelegramSender;
  private poller?: TelegramPoller;
  private ready = false;

  constructor(private readonly options: TelegramChannelOptions) {
    this.bot = new Bot(options.token, {
      client: options.apiRoot ? { apiRoot: options.apiRoot } : {},
    });
    // Start-up and side calls (menus, keyboards) wait out a short 429; replies go through the outbox.
    this.bot.api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 5 }));
    this.sender = new TelegramSender({
      token: options.token,
      ...(options.apiRoot ? { apiRoot: options.apiRoot } : {}),
      timeoutSeconds: options.sendTimeoutSeconds ?? 10,
      ...(options.pictures ? { pictures: options.pictures } : {}),
      logger: options.logger,
    });
    this.bot.on('edited_message', () => undefined); // an edit is not a new message: never answered twice
    this.bot.on('my_chat_member', (ctx) => this.onMembership(ctx));
    this.bot.on('callback_query:data', (ctx) => this.onButton(ctx));
    this.bot.on('message:text', (ctx) => this.onText(ctx));
    this.bot.on('message', (ctx) => this.onOther(ctx));
    // Failures are logged and reach the inbox, which retries the update; grammY must not swallow them.
    this.bot.catch((error) => {
      this.options.logger.error(
        { event: 'telegram.update_failed', error: errorName(error.error) },
        'update failed',
      );
      throw error.error;
    });
    options.deliveries.register('telegram', {
      handle: (update) => this.bot.handleUpdate(update as Update),
      send: (message) => this.sender.send(message as TelegramMessage),
      // Updates are handled once the bot knows itself (getMe in start); until then they wait.
      ready: () => this.bot.isInited(),
    });
    this.routes = options.webhook ? [this.webhookRoute(options.webhook)] : [];
  }

  /** Checks the token and starts receiving; the command menus follow as optional calls. */
  async start(): Promise<void> {
    const api = startupApi(this.options.token, this.options.apiRoot);
    this.bot.botInfo = await api.getMe().catch(refusalOf('getMe'));
    if (this.options.webhook) {
      await api
        .setWebhook(this.options.webhook.url, {
          secret_token: this.options.webhook.secret,
          allowed_updates: [...ALLOWED_UPDATES],
        })
        .catch(refusalOf('setWebhook'));
    } else {
      await api.deleteWebhook().catch(refusalOf('deleteWebhook'));
      this.poller = new TelegramPoller(
        this.bot.api,
        ALLOWED_UPDATES,
        (update) => this.record(update).then(() => undefined),
        this.options.logger,
      );
      this.poller.start();
    }
    this.ready = true;
    this.options.logger.info(
      { event: 'telegram.started', mode: this.options.webhook ? 'webhook' : 'polling' },
      'telegram started',
    );
  }

  async stop(): Promise<void> {
    this.ready = false;
    await this.poller?.stop();
  }

  /** The command menus and, with a webhook, Telegram's view of it: useful, never needed to serve. */
  optionalCalls(): OptionalCall[] {
    const api = startupApi(this.options.token, this.options.apiRoot);
    const menus = commandMenus();
    const calls: OptionalCall[] = [
      { name: 'setMyCommands', run: async () => void (await api.setMyCommands(menus.de)) },
      {
        name: 'setMyCommands:en',
        run: async () => void (await api.setMyCommands(menus.en, { language_code: 'en' })),
      },
    ];
    if (!this.options.webhook) return calls;
    const logger = this.options.logger;
    const webhookInfo = async (): Promise<void> => {
      const info = await api.getWebhookInfo();
      // Counts and dates only: Telegram's last error text may quote the address.
      logger.info(
        {
          event: 'telegram.webhook_info',
          pending: info.pending_update_count,
          lastErrorAt: info.last_error_date,
        },
        'telegram webhook info',
      );
    };
    return [...calls, { name: 'getWebhookInfo', run: webhookInfo }];
  }

  isReady(): boolean {
    return this.ready;
  }

  /** Records one update in the inbox (the webhook route and the poller use this). */
  async record(update: Update): Promise<'queued' | 'duplicate'> {
    const outcome = await this.options.deliveries.receive(
      'telegram',
      `telegram:${update.update_id}`,
      `telegram:${chatOf(update)}`,
      update,
    );
    if (outcome === 'duplicate') {
      this.options.logger.info({ event: 'telegram.duplicate' }, 'redelivered update ignored');
    }
    return outcome;
  }

  // === Update handlers

  // The bot was blocked or removed: nothing more is sent, and nothing is kept about the user.
  private async onMembership(ctx: Context): Promise<void> {
    const status = ctx.myChatMember?.new_chat_member.status;
    if ((status !== 'kicked' && status !== 'left') || !isPrivate(ctx) || !ctx.from) return;
    this.options.logger.info({ event: 'telegram.removed', status }, 'the user removed the bot');
    await this.options.forgetUser(`telegram:${ctx.from.id}`);
  }

  private async onText(ctx: Context): Promise<void> {
    const message = ctx.message;
    const text = message?.text ?? '';
    if (!message || !this.isAddressed(ctx)) return;
    const command = commandOf(text, this.bot.botInfo.username);
    if (text.startsWith('/') && !command && !isPrivate(ctx)) return;
    const base = this.baseMessage(ctx);
    if (command) return this.converse(ctx, { ...base, command });
    await this.converse(ctx, { ...base, text: this.withoutMention(text) });
  }

  private async onOther(ctx: Context): Promise<void> {
    if (!isPrivate(ctx) && !this.isAddressed(ctx)) return;
    await this.converse(ctx, { ...this.baseMessage(ctx), nonText: true });
  }

  // A pressed button: answered at once, its keyboard removed, and a second press of the same keyboard ignored.
  private async onButton(ctx: Context): Promise<void> {
    const query = ctx.callbackQuery;
    const chatId = query?.message?.chat.id;
    const messageId = query?.message?.message_id;
    await ctx.answerCallbackQuery().catch(() => undefined);
    if (!query?.data || chatId === undefined || messageId === undefined) return;
    const first = await this.options.ledger
      .claim(`telegram:keyboard:${chatId}:${messageId}`, currentDeliveryId())
      .catch(() => true);
    if (!first) return;
    await ctx.api
      .editMessageReplyMarkup(chatId, messageId, { reply_markup: { inline_keyboard: [] } })
      .catch(() => undefined);
    await this.converse(ctx, { ...this.baseMessage(ctx), choice: query.data });
  }

  // === Translation

  private async converse(ctx: Context, message: IncomingMessage): Promise<void> {
    const chatId = ctx.chat?.id;
    if (chatId === undefined) return;
    void ctx.api.sendChatAction(chatId, 'typing').catch(() => undefined);
    const started = Date.now();
    const turnId = currentDeliveryId();
    const turn = await this.options.engine.handle({ ...message, turnId });
    this.options.logger.info(
      {
        event: 'telegram.turn',
        chat: hashId(chatId),
        intent: turn.intent,
        outcome: turn.outcome,
        ms: Date.now() - started,
        degraded: turn.degraded,
      },
      'turn',
    );
    await this.options.deliveries.reply(
      turnId,
      `telegram:${chatId}`,
      message.userId,
      turn.replies.flatMap((reply) => telegramMessages(chatId, reply)),
      turn.outcome === 'escalated',
    );
  }

  private baseMessage(ctx: Context): IncomingMessage {
    const chatId = ctx.chat?.id ?? 0;
    const userId = ctx.from?.id ?? chatId;
    // Private chats keep one conversation; in groups every member has their own (coaching is personal).
    const conversationId = isPrivate(ctx) ? `telegram:${chatId}` : `telegram:${chatId}:${userId}`;
    const locale = ctx.from?.language_code;
    return {
      channel: 'telegram',
      conversationId,
      userId: `telegram:${userId}`,
      ...(locale ? { locale } : {}),
    };
  }

  // In groups the bot speaks only when addressed: a command, a mention, or a reply to it.
  private isAddressed(ctx: Context): boolean {
    if (isPrivate(ctx)) return true;
    const message = ctx.message;
    const text = message?.text ?? message?.caption ?? '';
    const username = this.bot.botInfo.username.toLowerCase();
    return (
      text.startsWith('/') ||
      text.toLowerCase().includes(`@${username}`) ||
      message?.reply_to_message?.from?.id === this.bot.botInfo.id
    );
  }

  private withoutMention(text: string): string {
    return text.replace(new RegExp(`@${this.bot.botInfo.username}\\b`, 'gi'), '').trim();
  }

  // === Webhook

  private webhookRoute(webhook: { url: string; secret: string }): HttpRoute {
    const expected = Buffer.from(webhook.secret);
    return {
      method: 'POST',
      path: new URL(webhook.url).pathname,
      handle: async (request, response) => {
        const header = request.headers['x-telegram-bot-api-secret-token'];
        const given = Buffer.from(typeof header === 'string' ? header : '');
        if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) {
          return respond(response, 401, { error: 'wrong secret token' });
        }
        let update: Update;
        try {
          update = JSON.parse((await readBody(request)).toString('utf8')) as Update;
        } catch (error) {
          if (error instanceof BodyTooLargeError) return refuseTooLarge(request, response);
          return respond(response, 400, { error: 'malformed update' });
        }
        if (typeof update?.update_id !== 'number')
          return respond(response, 400, { error: 'not an update' });
        try {
          await this.record(update);
        } catch (error) {
          // Full, or Redis may or may not have it: Telegram resends later (the update_id dedupes);
          // the update is never held inside the request.
          if (error instanceof LanesFullError || error instanceof StoreUnavailableError)
            return respond(response, 503, { error: 'busy' });
          throw error;
        }
        respond(response, 200, { ok: true });
      },
    };
  }
}

function isPrivate(ctx: Context): boolean {
  return ctx.chat?.type === 'private';
}

// The chat an update belongs to: its updates are handled one after another, in order.
function chatOf(update: Update): number | string {
  return (
    update.message?.chat.id ??
    update.edited_message?.chat.id ??
    update.callback_query?.message?.chat.id ??
    update.my_chat_member?.chat.id ??
    update.callback_query?.from.id ??
    'unknown'
  );
}
