import crypto from 'node:crypto';
import type { IncomingMessage as HttpRequest, ServerResponse } from 'node:http';
import type { App, Receiver } from '@slack/bolt';
import { LanesFullError } from '../../delivery/memory-lanes';
import { StoreUnavailableError } from '../../store/conversation-store';
import type { Logger } from '../../observability/logger';
import { BodyTooLargeError, readBody, refuseTooLarge, respond } from '../../server/http-server';
import type { HttpRoute } from '../channel';
import { record as asObject } from './slack-events';
import { signatureProblem } from './slack-signature';

/** Where Slack posts events, interactions and slash commands. */
export const SLACK_EVENTS_PATH = '/slack/events';

/** How long the acknowledgement waits for the inbox at most: Slack must hear back fast, whatever Redis does. */
const ACK_BUDGET_MS = 50;

/** A verified payload as it is queued in the inbox. */
export interface SlackDelivery {
  body: Record<string, unknown>;
  retryNum?: number;
  retryReason?: string;
}

/** What the receiver needs: the signing secret, where payloads are recorded, a logger, and a clock for tests. */
export interface SlackHttpReceiverOptions {
  signingSecret: string;
  /** Records a payload in the inbox under its delivery id and conversation place. */
  record(
    delivery: SlackDelivery & { id: string; place: string },
    acknowledged: () => boolean,
  ): Promise<void>;
  logger: Logger;
  now?: () => number;
}

/**
 * Bolt's receiver for HTTP, mounted on Türöffner's one HTTP server as the
 * route `POST /slack/events`. It checks the signature on the raw body (both
 * stale and future timestamps are refused), records the payload in the inbox
 * and acknowledges with an empty 200 — after at most 50 ms, before any
 * classification, whatever the listeners or Redis do. The inbox hands it to
 * Bolt later. Slash commands and shortcuts therefore answer afterwards, with
 * an ephemeral message.
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
    const retryNum = Number(headerValue(request.headers['x-slack-retry-num']));
    const retryReason = headerValue(request.headers['x-slack-retry-reason']);
    if (retryReason) {
      this.options.logger.info({ event: 'slack.retry', retryNum, retryReason }, 'slack retry');
    }
    let acknowledged = false;
    const recorded = this.track(
      this.options.record(
        {
          id: deliveryIdOf(body, raw),
          place: placeOf(body),
          body,
          ...(Number.isInteger(retryNum) ? { retryNum } : {}),
          ...(retryReason ? { retryReason } : {}),
        },
        () => acknowledged,
      ),
    );
    const early = await Promise.race([
      recorded.then(
        () => undefined,
        (error: unknown) => error,
      ),
      new Promise((resolve) => setTimeout(resolve, ACK_BUDGET_MS).unref()),
    ]);
    // Full, or Redis may or may not have it: Slack resends (the event_id dedupes). Otherwise acknowledged.
    if (early instanceof LanesFullError || early instanceof StoreUnavailableError) {
      return respond(response, 503, { error: 'busy' });
    }
    acknowledged = true;
    acknowledge(response);
  }

  // Recording goes on after the acknowledgement if it takes longer; stop() and idle() wait for it.
  private track(recording: Promise<void>): Promise<void> {
    const work = recording
      .catch((error: unknown) => {
        this.options.logger.error(
          {
            event: 'slack.record_failed',
            error: error instanceof Error ? error.name : typeof error,
          },
          'recording failed',
        );
        throw error;
      })
      .finally(() => this.inFlight.delete(settled));
    const settled = work.catch(() => undefined);
    this.inFlight.add(settled);
    return work;
  }
}

// === Helpers

function acknowledge(response: ServerResponse): void {
  response.writeHead(200);
  response.end();
}

// Events carry a unique event_id; interactions and commands are named by their content (a resent body is the same).
function deliveryIdOf(body: Record<string, unknown>, raw: Buffer): string {
  if (typeof body.event_id === 'string') return `slack:${body.event_id}`;
  return `slack:payload:${crypto.createHash('sha256').update(raw).digest('base64url')}`;
}

// The conversation place of a payload, so one place's payloads are handled in order.
function placeOf(body: Record<string, unknown>): string {
  const event = asObject(body.event);
  const channel =
    event?.channel ?? asObject(body.channel)?.id ?? body.channel_id ?? asObject(body.user)?.id;
  const team = body.team_id ?? asObject(body.team)?.id ?? '';
  return `${String(team)}:${String(channel ?? event?.user ?? body.user_id ?? '')}`;
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
