import type { IncomingMessage as HttpRequest, ServerResponse } from 'node:http';
import type { App, Receiver } from '@slack/bolt';
import type { Logger } from '../../observability/logger';
import { BodyTooLargeError, readBody, refuseTooLarge, respond } from '../../server/http-server';
import type { HttpRoute } from '../channel';
import { signatureProblem } from './slack-signature';

/** Where Slack posts events, interactions and slash commands. */
export const SLACK_EVENTS_PATH = '/slack/events';

/** What the receiver needs: the signing secret, a logger, and a clock for tests. */
export interface SlackHttpReceiverOptions {
  signingSecret: string;
  logger: Logger;
  now?: () => number;
}

/**
 * Bolt's receiver for HTTP, mounted on Türöffner's one HTTP server as the
 * route `POST /slack/events`. It checks the signature on the raw body (both
 * stale and future timestamps are refused), acknowledges at once with an empty
 * 200 — well inside Slack's three seconds, whatever the listeners do — and only
 * then hands the payload to Bolt. Slash commands and shortcuts therefore answer
 * afterwards, with an ephemeral message.
 */
export class SlackHttpReceiver implements Receiver {
  /** The route to mount on the HTTP server. */
  readonly route: HttpRoute;
  private app?: App;
  private accepting = false;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly now: () => number;

  constructor(private readonly options: SlackHttpReceiverOptions) {
    this.now = options.now ?? Date.now;
    this.route = {
      method: 'POST',
      path: SLACK_EVENTS_PATH,
      handle: (request, response) => this.handle(request, response),
    };
  }

  /** Called by Bolt's App constructor. */
  init(app: App): void {
    this.app = app;
  }

  /** Starts handing payloads to Bolt (the route is served by the shared server). */
  async start(): Promise<void> {
    this.accepting = true;
  }

  /** Stops taking payloads and waits for the ones being processed. */
  async stop(): Promise<void> {
    this.accepting = false;
    await this.idle();
  }

  /** Resolves once every payload acknowledged so far has been processed. */
  async idle(): Promise<void> {
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
  }

  private async handle(request: HttpRequest, response: ServerResponse): Promise<void> {
    let raw: Buffer;
    try {
      raw = await readBody(request);
    } catch (error) {
      if (error instanceof BodyTooLargeError) return refuseTooLarge(request, response);
      throw error;
    }
    const problem = signatureProblem(request.headers, raw, this.options.signingSecret, this.now());
    if (problem) {
      this.options.logger.warn({ event: 'slack.refused', reason: problem }, 'request refused');
      return respond(response, 401, { error: 'invalid signature' });
    }
    const body = parseBody(raw, request.headers['content-type']);
    if (!body) {
      // A payload fault is permanent: a retry would fail the same way.
      response.setHeader('x-slack-no-retry', '1');
      return respond(response, 400, { error: 'malformed payload' });
    }
    if (body.type === 'url_verification')
      return respond(response, 200, { challenge: body.challenge });
    if (body.ssl_check !== undefined) return acknowledge(response);
    if (!this.accepting || !this.app) return respond(response, 503, { error: 'starting' });
    acknowledge(response);
    this.dispatch(this.app, body, request.headers);
  }

  // After the acknowledgement: Bolt's middleware and listeners, tracked so stop() can wait for them.
  private dispatch(app: App, body: Record<string, unknown>, headers: HttpRequest['headers']): void {
    const retryNum = Number(headerValue(headers['x-slack-retry-num']));
    const retryReason = headerValue(headers['x-slack-retry-reason']);
    if (retryReason) {
      this.options.logger.info({ event: 'slack.retry', retryNum, retryReason }, 'slack retry');
    }
    const work = app
      .processEvent({
        body,
        ack: async () => undefined, // already acknowledged
        ...(Number.isInteger(retryNum) ? { retryNum } : {}),
        ...(retryReason ? { retryReason } : {}),
      })
      .catch((error: unknown) => {
        this.options.logger.error(
          {
            event: 'slack.process_failed',
            error: error instanceof Error ? error.name : typeof error,
          },
          'processing failed',
        );
      })
      .finally(() => this.inFlight.delete(work));
    this.inFlight.add(work);
  }
}

// === Helpers

function acknowledge(response: ServerResponse): void {
  response.writeHead(200);
  response.end();
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

// Events come as JSON; slash commands as a form; interactions as a form with one JSON field, `payload`.
function parseBody(
  raw: Buffer,
  contentType: string | undefined,
): Record<string, unknown> | undefined {
  const text = raw.toString('utf8');
  try {
    if (contentType?.startsWith('application/x-www-form-urlencoded')) {
      const form = Object.fromEntries(new URLSearchParams(text));
      return typeof form.payload === 'string' ? asRecord(JSON.parse(form.payload)) : form;
    }
    return asRecord(JSON.parse(text));
  } catch {
    return undefined;
  }
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}
