import { Api, GrammyError, HttpError } from 'grammy';
import type { InlineKeyboardMarkup } from 'grammy/types';
import type { Reply } from '../../engine/types';
import type { SendOutcome } from '../../delivery/send-outcome';
import { escapeHtml } from './telegram-html';

/** One reply as the outbox keeps it: what sendMessage gets. */
export interface TelegramMessage {
  chat_id: number;
  text: string;
  reply_markup?: InlineKeyboardMarkup;
}

/** An engine reply as a Telegram message: HTML-escaped text, buttons as an inline keyboard. */
export function telegramMessage(chatId: number, reply: Reply): TelegramMessage {
  return {
    chat_id: chatId,
    text: escapeHtml(reply.text),
    ...(reply.buttons?.length
      ? {
          reply_markup: {
            inline_keyboard: reply.buttons.map((b) => [{ text: b.label, callback_data: b.id }]),
          },
        }
      : {}),
  };
}

/**
 * Sends one outbox entry with sendMessage and says what became of it, without
 * retrying itself (the outbox schedules retries, so no wait ever sits inside a
 * request or holds up another chat). Its own API client has no auto-retry.
 */
export class TelegramSender {
  private readonly api: Api;

  constructor(token: string, apiRoot: string | undefined, timeoutSeconds: number) {
    this.api = new Api(token, { ...(apiRoot ? { apiRoot } : {}), timeoutSeconds });
  }

  async send(message: TelegramMessage): Promise<SendOutcome> {
    try {
      await this.api.sendMessage(message.chat_id, message.text, {
        parse_mode: 'HTML',
        ...(message.reply_markup ? { reply_markup: message.reply_markup } : {}),
      });
      return { kind: 'sent' };
    } catch (error) {
      return outcomeOf(error);
    }
  }
}

/** How a failed sendMessage is treated: wait, retry, drop the reply, or the chat is gone. */
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
  return { kind: 'failed', reason: error instanceof Error ? error.name : typeof error };
}
