import { Api, GrammyError } from 'grammy';
import { StartupRefusedError } from '../../errors';

/**
 * A Bot API client for the start-up calls only, without auto-retry: that
 * plugin retries an unreachable Telegram silently and without limit, while
 * start-up wants each failure back to log it and retry on its own schedule.
 */
export function startupApi(token: string, apiRoot: string | undefined): Api {
  return new Api(token, apiRoot ? { apiRoot } : undefined);
}

/** The start-up calls whose refusals name a setting. */
type StartupCall = 'getMe' | 'setWebhook' | 'deleteWebhook';

/**
 * Turns a Bot API answer that means misconfiguration into a StartupRefusedError
 * naming the setting (401/404: the token; 400 on setWebhook: the address);
 * anything else (unreachable, 5xx, 429) is thrown as it is, to be retried.
 */
export function refusalOf(call: StartupCall): (error: unknown) => never {
  return (error) => {
    if (!(error instanceof GrammyError)) throw error;
    // Telegram answers 401 for a revoked token and 404 for one that never existed.
    if (error.error_code === 401 || error.error_code === 404)
      throw new StartupRefusedError(
        'TELEGRAM_BOT_TOKEN',
        `Telegram refused the bot token (${call}: ${error.error_code}); copy it again from @BotFather`,
        { cause: error },
      );
    if (call === 'setWebhook' && error.error_code === 400)
      throw new StartupRefusedError(
        'TELEGRAM_WEBHOOK_URL',
        `Telegram refused the webhook address (${error.description}); it must be a public https:// URL on port 443, 80, 88 or 8443`,
        { cause: error },
      );
    throw error;
  };
}
