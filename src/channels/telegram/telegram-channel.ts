import crypto from 'node:crypto';
import { autoRetry } from '@grammyjs/auto-retry';
import { run, sequentialize, type RunnerHandle } from '@grammyjs/runner';
import { Bot, GrammyError, InputFile, type Context } from 'grammy';
import type { Update } from 'grammy/types';
import type { Engine } from '../../engine/engine';
import { errorName } from '../../errors';
import type { IncomingMessage, Reply } from '../../engine/types';
import { hashId, type Logger } from '../../observability/logger';
import type { PictureRenderer, RenderedPicture } from '../../pictures/picture-renderer';
import type { DeliveryLedger } from '../../store/delivery-ledger';
import { BodyTooLargeError, readBody, refuseTooLarge, respond } from '../../server/http-server';
import type { Channel, HttpRoute, OptionalCall } from '../channel';
import { commandMenus, commandOf } from './telegram-commands';
import { refusalOf, startupApi } from './telegram-startup';
import { escapeHtml } from './telegram-html';

/** How Telegram is reached and what the channel talks to. */
export interface TelegramChannelOptions {
  token: string;
  apiRoot?: string;
  webhook?: { url: string; secret: string };
  engine: Engine;
  ledger: DeliveryLedger;
  logger: Logger;
  /** Renders the charts of replies (the network count, progress); without it only their text is sent. */
  pictures?: PictureRenderer;
}

/** Telegram's limit for a photo caption; a longer text version follows the photo as a message. */
const CAPTION_LIMIT = 1024;

/** Updates a webhook request may take before Telegram would retry (it waits longer; we stay well inside). */
const WEBHOOK_DEADLINE_MS = 8_000;
/** The update types the bot asks for; edits are received only to be ignored on purpose. */
const ALLOWED_UPDATES = ['message', 'edited_message', 'callback_query'] as const;

/**
 * Türöffner on Telegram (grammY): long polling through the runner, or a
 * webhook with a secret token. A thin translation: updates become engine
 * messages, replies become messages with inline keyboards.
 */
export class TelegramChannel implements Channel {
  readonly name = 'telegram';
  readonly routes: HttpRoute[];
  private readonly bot: Bot;
  private runner?: RunnerHandle;
  private ready = false;

  constructor(private readonly options: TelegramChannelOptions) {
    this.bot = new Bot(options.token, {
      client: options.apiRoot ? { apiRoot: options.apiRoot } : {},
    });
    // A 429 waits retry_after (capped, so a webhook request stays inside its deadline); no retry storm.
    this.bot.api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 5 }));
    // One chat's updates in order, different chats side by side (polling runner and webhook alike).
    this.bot.use(sequentialize((ctx: Context) => ctx.chat?.id.toString()));
    this.bot.use(this.deduplicate.bind(this));
    this.bot.on('edited_message', () => undefined); // an edit is not a new message: never answered twice
    this.bot.on('callback_query:data', (ctx) => this.onButton(ctx));
    this.bot.on('message:text', (ctx) => this.onText(ctx));
    this.bot.on('message', (ctx) => this.onOther(ctx));
    // The runner reports failures here; the webhook route reports them itself (logFailure).
    this.bot.catch((error) => this.logFailure(error.error));
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
      this.runner = run(this.bot, { runner: { fetch: { allowed_updates: [...ALLOWED_UPDATES] } } });
    }
    this.ready = true;
    this.options.logger.info(
      { event: 'telegram.started', mode: this.options.webhook ? 'webhook' : 'polling' },
      'telegram started',
    );
  }

  async stop(): Promise<void> {
    this.ready = false;
    if (this.runner?.isRunning()) await this.runner.stop();
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

  /** Handles one update (the webhook route and tests use this directly). */
  async handleUpdate(update: Update): Promise<void> {
    await this.bot.handleUpdate(update);
  }

  private logFailure(error: unknown): void {
    const cause =
      error instanceof Error && 'error' in error ? (error as { error: unknown }).error : error;
    this.options.logger.error(
      { event: 'telegram.update_failed', error: errorName(cause) },
      'update failed',
    );
  }

  // === Update handlers

  // Telegram delivers at least once: a redelivered update_id gets no second reply or state change.
  private async deduplicate(ctx: Context, next: () => Promise<void>): Promise<void> {
    const id = `telegram:${ctx.update.update_id}`;
    let claimed = true;
    try {
      claimed = await this.options.ledger.claim(id);
    } catch {
      // Without Redis no duplicate check is possible; answering twice is better than not at all.
    }
    if (!claimed) return;
    try {
      await next();
    } catch (error) {
      await this.options.ledger.release(id);
      throw error;
    }
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
      .claim(`telegram:keyboard:${chatId}:${messageId}`)
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
    const turn = await this.options.engine.handle(message);
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
    await this.send(chatId, turn.replies, message);
  }

  private async send(chatId: number, replies: Reply[], message: IncomingMessage): Promise<void> {
    for (const reply of replies) {
      try {
        await this.sendReply(chatId, reply);
      } catch (error) {
        if (error instanceof GrammyError && error.error_code === 403) {
          // The user blocked the bot: stop sending, and keep nothing about them.
          this.options.logger.info(
            { event: 'telegram.blocked', chat: hashId(chatId) },
            'user blocked the bot',
          );
          await this.options.engine.forget(message).catch(() => undefined);
          return;
        }
        throw error;
      }
    }
  }

  // A reply with a chart goes out as a photo, its text version as the caption (screen readers read it).
  private async sendReply(chatId: number, reply: Reply): Promise<void> {
    const markup = reply.buttons?.length
      ? {
          reply_markup: {
            inline_keyboard: reply.buttons.map((b) => [{ text: b.label, callback_data: b.id }]),
          },
        }
      : {};
    const picture = reply.image ? await this.render(reply) : undefined;
    if (picture) {
      const fits = reply.text.length <= CAPTION_LIMIT;
      await this.bot.api.sendPhoto(chatId, new InputFile(picture.png, picture.filename), {
        ...(fits ? { caption: escapeHtml(reply.text), parse_mode: 'HTML' as const } : {}),
        ...markup,
      });
      if (fits) return;
    }
    await this.bot.api.sendMessage(chatId, escapeHtml(reply.text), {
      parse_mode: 'HTML',
      ...markup,
    });
  }

  // A picture that cannot be drawn is no reason to lose the reply: its text goes out alone.
  private async render(reply: Reply): Promise<RenderedPicture | undefined> {
    if (!reply.image || !this.options.pictures) return undefined;
    return this.options.pictures.render(reply.image).catch((error: unknown) => {
      this.options.logger.warn(
        { event: 'telegram.picture_failed', error: errorName(error) },
        'picture not rendered',
      );
      return undefined;
    });
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
        const deadline = new Promise((resolve) => setTimeout(resolve, WEBHOOK_DEADLINE_MS).unref());
        await Promise.race([
          this.handleUpdate(update).catch((error: unknown) => this.logFailure(error)),
          deadline,
        ]);
        respond(response, 200, { ok: true });
      },
    };
  }
}

function isPrivate(ctx: Context): boolean {
  return ctx.chat?.type === 'private';
}
