import { webApi } from '@slack/bolt';
import type { SendOutcome } from '../../delivery/send-outcome';
import type { Chart } from '../../engine/types';
import { errorName } from '../../errors';
import type { Logger } from '../../observability/logger';
import type { PictureRenderer } from '../../pictures/picture-renderer';

/** Slack's limit for an image's alt text. */
const ALT_TEXT_LIMIT = 1000;

/**
 * One reply as the outbox keeps it (plain data, JSON as it is): the
 * chat.postMessage arguments, and for a picture the chart's description and its
 * text version. The picture is rendered and uploaded when it is sent; the message
 * is what goes out instead when it cannot be.
 */
export type SlackOutgoing = webApi.ChatPostMessageArguments & {
  image?: { chart: Chart; text: string };
};

/** What a sender needs: the bot token, the Web API, and what renders pictures. */
export interface SlackSenderOptions {
  token: string;
  apiUrl: string;
  timeoutMs: number;
  /** Without it a picture's text version is posted alone. */
  pictures?: PictureRenderer;
  logger: Logger;
}

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

  constructor(private readonly options: SlackSenderOptions) {
    this.client = new webApi.WebClient(options.token, {
      slackApiUrl: options.apiUrl,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
      timeout: options.timeoutMs,
      logLevel: undefined,
      logger: quietLogger(),
    });
  }

  async send(entry: SlackOutgoing): Promise<SendOutcome> {
    const { image, ...message } = entry;
    if (image && this.options.pictures) {
      const uploaded = await this.upload(message, image, this.options.pictures);
      if (uploaded) return uploaded;
    }
    try {
      await this.client.chat.postMessage(message as webApi.ChatPostMessageArguments);
      return { kind: 'sent' };
    } catch (error) {
      return outcomeOf(error);
    }
  }

  // A chart as an image upload: the text version as its message and as alt text for screen readers.
  // A picture that cannot be drawn or is refused (files:write missing) leaves the text to be posted
  // (undefined); a rate limit or an outage is retried by the outbox like any send.
  private async upload(
    message: Omit<SlackOutgoing, 'image'>,
    image: { chart: Chart; text: string },
    pictures: PictureRenderer,
  ): Promise<SendOutcome | undefined> {
    let picture;
    try {
      picture = await pictures.render(image.chart);
    } catch (error) {
      this.failed('slack.picture_failed', error);
      return undefined;
    }
    const upload = {
      channel_id: message.channel,
      file: picture.png,
      filename: picture.filename,
      alt_text: image.text.slice(0, ALT_TEXT_LIMIT),
      initial_comment: image.text,
    };
    try {
      await this.client.files.uploadV2(
        message.thread_ts ? { ...upload, thread_ts: message.thread_ts } : upload,
      );
      return { kind: 'sent' };
    } catch (error) {
      const outcome = outcomeOf(error);
      if (outcome.kind !== 'rejected') return outcome;
      this.failed('slack.upload_failed', error);
      return undefined;
    }
  }

  private failed(event: string, error: unknown): void {
    this.options.logger.warn({ event, error: errorName(error) }, 'picture not sent');
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
