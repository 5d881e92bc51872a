import { Api, GrammyError, HttpError, InputFile } from 'grammy';
import type { InlineKeyboardMarkup } from 'grammy/types';
import type { Chart, Reply } from '../../engine/types';
import type { SendOutcome } from '../../delivery/send-outcome';
import { errorName } from '../../errors';
import type { Logger } from '../../observability/logger';
import type { PictureRenderer, RenderedPicture } from '../../pictures/picture-renderer';
import { escapeHtml } from './telegram-html';

/** Telegram's limit for a photo caption; a longer text version follows the photo as a message. */
const CAPTION_LIMIT = 1024;

/**
 * One reply as the outbox keeps it (plain data, JSON as it is): what sendMessage
 * gets, or with `image` what sendPhoto gets — the chart's description, rendered
 * to a PNG only when it is sent, the text then its caption.
 */
export interface TelegramMessage {
  chat_id: number;
  /** HTML-escaped; empty for a photo whose text version follows as its own message. */
  text: string;
  reply_markup?: InlineKeyboardMarkup;
  image?: Chart;
}

/**
 * An engine reply as Telegram messages: HTML-escaped text, buttons as an inline
 * keyboard. A reply with a chart is a photo with its text version as the caption,
 * or, when that text is too long for a caption, a photo followed by the text (two
 * entries, so a retry never sends the photo twice).
 */
export function telegramMessages(chatId: number, reply: Reply): TelegramMessage[] {
  const markup = reply.buttons?.length
    ? {
        reply_markup: {
          inline_keyboard: reply.buttons.map((b) => [{ text: b.label, callback_data: b.id }]),
        },
      }
    : {};
  const text = { chat_id: chatId, text: escapeHtml(reply.text), ...markup };
  if (!reply.image) return [text];
  if (reply.text.length <= CAPTION_LIMIT) return [{ ...text, image: reply.image }];
  return [{ chat_id: chatId, text: '', image: reply.image }, text];
}

/** What a sender needs: the bot's token and API, and what renders pictures. */
export interface TelegramSenderOptions {
  token: string;
  apiRoot?: string;
  /** How long one send may take before it counts as failed. */
  timeoutSeconds: number;
  /** Without it a photo's text version goes out alone. */
  pictures?: PictureRenderer;
  logger: Logger;
}

/**
 * Sends one outbox entry with sendMessage (or sendPhoto) and says what became of
 * it, without retrying itself (the outbox schedules retries, so no wait ever sits
 * inside a request or holds up another chat). Its own API client has no auto-retry.
 */
export class TelegramSender {
  private readonly api: Api;

  constructor(private readonly options: TelegramSenderOptions) {
    this.api = new Api(options.token, {
      ...(options.apiRoot ? { apiRoot: options.apiRoot } : {}),
      timeoutSeconds: options.timeoutSeconds,
    });
  }

  async send(message: TelegramMessage): Promise<SendOutcome> {
    try {
      const markup = message.reply_markup ? { reply_markup: message.reply_markup } : {};
      const picture = message.image ? await this.render(message.image) : undefined;
      const sentPhoto = picture && (await this.sendPhoto(message, picture, markup));
      if (!sentPhoto && message.text) {
        await this.api.sendMessage(message.chat_id, message.text, {
          parse_mode: 'HTML',
          ...markup,
        });
      }
      // (A photo that could not be sent and has no caption: its text version is the next entry.)
      return { kind: 'sent' };
    } catch (error) {
      return outcomeOf(error);
    }
  }

  // A photo Telegram refuses (not the chat: the upload) falls back to its text version.
  private async sendPhoto(
    message: TelegramMessage,
    picture: RenderedPicture,
    markup: { reply_markup?: InlineKeyboardMarkup },
  ): Promise<boolean> {
    try {
      await this.api.sendPhoto(message.chat_id, new InputFile(picture.png, picture.filename), {
        ...(message.text ? { caption: message.text, parse_mode: 'HTML' as const } : {}),
        ...markup,
      });
      return true;
    } catch (error) {
      if (outcomeOf(error).kind !== 'rejected') throw error;
      this.options.logger.warn(
        { event: 'telegram.picture_failed', error: errorName(error) },
        'picture not uploaded',
      );
      return false;
    }
  }

  // A picture that cannot be drawn is no reason to lose the reply: its text goes out alone.
  private async render(chart: Chart): Promise<RenderedPicture | undefined> {
    if (!this.options.pictures) return undefined;
    return this.options.pictures.render(chart).catch((error: unknown) => {
      this.options.logger.warn(
        { event: 'telegram.picture_failed', error: errorName(error) },
        'picture not rendered',
      );
      return undefined;
    });
  }
}

/** How a failed send is treated: wait, retry, drop the reply, or the chat is gone. */
export function outcomeOf(error: unknown): SendOutcome {
  if (error instanceof GrammyError) {
    const code = error.error_code;
    const reason = `telegram:${code}`;
    if (code === 429) {
      return { kind: 'wait', afterMs: (error.parameters.retry_after ?? 1) * 1000, reason };
    }
    // Blocked, deactivated, kicked: the user does not want messages; keep nothing about them.
    if (code === 403) return { kind: 'gone', reason, forget: true };
    if (code === 400 && /chat not found|user not found|chat_id is empty/i.test(error.description))
      return { kind: 'gone', reason };
    if (code >= 500) return { kind: 'failed', reason };
    return { kind: 'rejected', reason };
  }
  if (error instanceof HttpError) return { kind: 'failed', reason: 'telegram:network' };
  return { kind: 'failed', reason: errorName(error) };
}
