import { StartupRefusedError } from '../../errors';

/** Slack's answers that mean the token is wrong: retrying cannot help. */
const TOKEN_REFUSALS = new Set([
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'not_allowed_token_type',
]);

/**
 * Turns Slack's refusal of a token into a StartupRefusedError naming the
 * setting; anything else (unreachable, 5xx, rate limits) is thrown as it is,
 * to be retried.
 */
export function refusalOf(
  setting: 'SLACK_BOT_TOKEN' | 'SLACK_APP_TOKEN',
): (error: unknown) => never {
  return (error) => {
    const code = (error as { data?: { error?: unknown } } | undefined)?.data?.error;
    if (typeof code === 'string' && TOKEN_REFUSALS.has(code))
      throw new StartupRefusedError(
        setting,
        `Slack refused the token (${code}); copy it again from the app's settings at api.slack.com/apps`,
        { cause: error },
      );
    throw error;
  };
}
