import { webApi } from '@slack/bolt';
import type { SendOutcome } from '../../delivery/send-outcome';

/** Platform errors that mean the conversation is gone for the bot: no use trying again. */
const GONE = new Set([
  'channel_not_found',
  'is_archived',
  'not_in_channel',
  'account_inactive',
  'user_not_found',
  'team_access_not_granted',
  'invalid_auth',
]);
/** Platform errors that are Slack's own trouble: try again later. */
const TRANSIENT = new Set([
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
  'ratelimited',
]);

/**
 * Posts one outbox entry with chat.postMessage and says what became of it.
 * Its client never retries by itself and hands a 429 back at once, so no wait
 * sits inside a request or holds up another conversation: the outbox
 * schedules the retry.
 */
export class SlackSender {
  private readonly client: webApi.WebClient;

  constructor(token: string, apiUrl: string, timeoutMs: number) {
    this.client = new webApi.WebClient(token, {
      slackApiUrl: apiUrl,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
      timeout: timeoutMs,
      logLevel: undefined,
      logger: quietLogger(),
    });
  }

  async send(message: webApi.ChatPostMessageArguments): Promise<SendOutcome> {
    try {
      await this.client.chat.postMessage(message);
      return { kind: 'sent' };
    } catch (error) {
      return outcomeOf(error);
    }
  }
}

/** How a failed chat.postMessage is treated. */
export function outcomeOf(error: unknown): SendOutcome {
  const failure = error as {
    code?: string;
    retryAfter?: number;
    statusCode?: number;
    data?: { error?: string };
  };
  switch (failure.code) {
    case webApi.ErrorCode.RateLimitedError:
      return { kind: 'wait', afterMs: (failure.retryAfter ?? 1) * 1000, reason: 'slack:429' };
    case webApi.ErrorCode.PlatformError: {
      const code = failure.data?.error ?? 'unknown';
      if (GONE.has(code)) return { kind: 'gone', reason: `slack:${code}` };
      if (TRANSIENT.has(code)) return { kind: 'failed', reason: `slack:${code}` };
      return { kind: 'rejected', reason: `slack:${code}` };
    }
    case webApi.ErrorCode.HTTPError:
      return (failure.statusCode ?? 500) >= 500
        ? { kind: 'failed', reason: `slack:${failure.statusCode}` }
        : { kind: 'rejected', reason: `slack:${failure.statusCode}` };
    default:
      return { kind: 'failed', reason: 'slack:network' };
  }
}

// The Web API client logs warnings itself; the outbox logs what matters (without texts).
function quietLogger() {
  const nothing = (): void => undefined;
  return {
    debug: nothing,
    info: nothing,
    warn: nothing,
    error: nothing,
    setLevel: nothing,
    getLevel: () => 'error' as never,
    setName: nothing,
  };
}
