import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseMultipart } from './multipart-form';

/** One Bot API call the bot made. */
export interface ApiCall {
  method: string;
  payload: Record<string, unknown>;
  at: number;
  /** The HTTP status answered (0: the connection was reset). */
  status?: number;
  /** Files uploaded with the call (sendPhoto), by the field that names them ("photo"). */
  files?: Record<string, { filename?: string; data: Buffer }>;
}

/** How the fake answers a method until told otherwise: an error status, or a reset connection. */
export interface StandingFailure {
  method: string;
  /** Only calls for this chat (default: all). */
  chatId?: number;
  /** A status (429 with retry_after, 500 …) or 'reset' (the socket is destroyed). */
  answer: number | 'reset';
  retryAfter?: number;
  /** Telegram's description (default: "Too Many Requests" / "Internal Server Error"). */
  description?: string;
}

/** A canned failure for the next call(s) of a method. */
export interface ApiFailure {
  method: string;
  status: number;
  description: string;
  parameters?: Record<string, unknown>;
}

export const FAKE_BOT = {
  id: 4242,
  is_bot: true,
  first_name: 'Türöffner',
  username: 'tueroeffner_bot',
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
};

/**
 * A local stand-in for the Telegram Bot API over real HTTP (grammY's apiRoot
 * points here): records every call, answers like Telegram does, serves queued
 * updates to getUpdates, and fails on request (429, 403).
 */
export class FakeTelegramApi {
  readonly calls: ApiCall[] = [];
  private readonly failures: ApiFailure[] = [];
  private standing: StandingFailure[] = [];
  /** Called for each call before it is answered (for fault injection by the bench). */
  onCall?: (call: ApiCall) => StandingFailure | undefined;
  private readonly delays: { method: string; ms: number }[] = [];
  private readonly updates: Record<string, unknown>[] = [];
  private server?: http.Server;
  private nextMessageId = 100;

  /** Starts on a free port; resolves to the apiRoot for grammY. */
  async start(): Promise<string> {
    this.server = http.createServer((request, response) => void this.handle(request, response));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  /** Delays the answer to the next call of a method (a slow Bot API). */
  delayNext(method: string, ms: number): void {
    this.delays.push({ method, ms });
  }

  /** Fails the next call of a method once. */
  failNext(failure: ApiFailure): void {
    this.failures.push(failure);
  }

  /**
   * Fails a method the same way until `recover` (a Bot API outage, one chat's
   * trouble, or a refusal such as 401 or 404 given as an {@link ApiFailure}).
   */
  failAlways(failure: StandingFailure | ApiFailure): void {
    if ('answer' in failure) return void this.standing.push(failure);
    const retryAfter = failure.parameters?.retry_after;
    this.standing.push({
      method: failure.method,
      answer: failure.status,
      description: failure.description,
      ...(typeof retryAfter === 'number' ? { retryAfter } : {}),
    });
  }

  /** Ends the standing failures of a method, or every standing failure. */
  recover(method?: string): void {
    this.standing = method ? this.standing.filter((f) => f.method !== method) : [];
  }

  /** The messages that reached a chat: sendMessage calls answered 200, in order. */
  delivered(chatId: number): string[] {
    return this.callsOf('sendMessage', chatId)
      .filter((c) => c.status === 200)
      .map((c) => String(c.payload.text));
  }

  /** The photos sent to a chat, in order: caption and the uploaded bytes. */
  photosTo(chatId: number): { caption: string; png: Buffer }[] {
    return this.callsOf('sendPhoto', chatId).map((c) => ({
      caption: String(c.payload.caption ?? ''),
      png: c.files?.photo?.data ?? Buffer.alloc(0),
    }));
  }

  /** Queues an update for getUpdates (long polling). */
  queueUpdate(update: Record<string, unknown>): void {
    this.updates.push(update);
  }

  /** The calls of one method (optionally for one chat). */
  callsOf(method: string, chatId?: number): ApiCall[] {
    return this.calls.filter(
      (c) => c.method === method && (chatId === undefined || c.payload.chat_id === chatId),
    );
  }

  /** The texts sent to a chat, in order. */
  textsTo(chatId: number): string[] {
    return this.callsOf('sendMessage', chatId).map((c) => String(c.payload.text));
  }

  /** Waits until a condition on the calls holds (or fails after a timeout). */
  async waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
    const started = Date.now();
    while (!condition()) {
      if (Date.now() - started > timeoutMs) throw new Error('timed out waiting for the bot');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  private async handle(
    request: http.IncomingMessage,
    response: http.ServerResponse,
  ): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const method = (request.url ?? '').split('/').pop() ?? '';
    const { payload, files } = readPayload(Buffer.concat(chunks), request.headers['content-type']);
    const call: ApiCall = { method, payload, at: Date.now(), ...(files ? { files } : {}) };
    if (method !== 'getUpdates') this.calls.push(call);
    const standing =
      this.standing.find(
        (f) => f.method === method && (f.chatId === undefined || f.chatId === payload.chat_id),
      ) ?? this.onCall?.(call);
    if (standing) {
      call.status = standing.answer === 'reset' ? 0 : standing.answer;
      if (standing.answer === 'reset') return void request.socket.destroy();
      return this.reply(response, standing.answer, {
        ok: false,
        error_code: standing.answer,
        description:
          standing.description ??
          (standing.answer === 429 ? 'Too Many Requests' : 'Internal Server Error'),
        ...(standing.retryAfter ? { parameters: { retry_after: standing.retryAfter } } : {}),
      });
    }
    const delay = this.delays.findIndex((d) => d.method === method);
    if (delay >= 0) {
      const [d] = this.delays.splice(delay, 1);
      await new Promise((resolve) => setTimeout(resolve, d?.ms ?? 0));
    }
    const failure = this.failures.findIndex((f) => f.method === method);
    if (failure >= 0) {
      const [f] = this.failures.splice(failure, 1);
      call.status = f?.status ?? 500;
      return this.reply(response, f?.status ?? 500, {
        ok: false,
        error_code: f?.status,
        description: f?.description,
        ...(f?.parameters ? { parameters: f.parameters } : {}),
      });
    }
    call.status = 200;
    this.reply(response, 200, { ok: true, result: await this.result(method, payload) });
  }

  private async result(method: string, payload: Record<string, unknown>): Promise<unknown> {
    switch (method) {
      case 'getMe':
        return FAKE_BOT;
      case 'sendMessage':
        return {
          message_id: this.nextMessageId++,
          date: Math.floor(Date.now() / 1000),
          chat: { id: payload.chat_id, type: 'private' },
          from: FAKE_BOT,
          text: payload.text,
        };
      case 'sendPhoto':
        return {
          message_id: this.nextMessageId++,
          date: Math.floor(Date.now() / 1000),
          chat: { id: payload.chat_id, type: 'private' },
          from: FAKE_BOT,
          photo: [{ file_id: `photo-${this.nextMessageId}`, width: 1200, height: 1000 }],
          ...(payload.caption ? { caption: payload.caption } : {}),
        };
      case 'getUpdates':
        return this.takeUpdates(Number(payload.offset ?? 0));
      default:
        return true;
    }
  }

  // Long polling: hand out queued updates at or after the offset, or wait a little for some.
  private async takeUpdates(offset: number): Promise<unknown[]> {
    for (let waited = 0; waited < 500; waited += 25) {
      const pending = this.updates.filter((u) => Number(u.update_id) >= offset);
      if (pending.length) return pending;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    return [];
  }

  private reply(response: http.ServerResponse, status: number, body: unknown): void {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  }
}

// JSON as grammY sends it, or multipart/form-data when it uploads a file: fields are JSON-encoded
// values ("42", "\"text\""), and a field "attach://<name>" points at the file part of that name.
function readPayload(
  body: Buffer,
  contentType: string | undefined,
): { payload: Record<string, unknown>; files?: ApiCall['files'] } {
  if (!contentType?.startsWith('multipart/form-data'))
    return {
      payload: body.length ? (JSON.parse(body.toString('utf8')) as Record<string, unknown>) : {},
    };
  const parts = parseMultipart(body, contentType);
  const payload: Record<string, unknown> = {};
  const files: NonNullable<ApiCall['files']> = {};
  for (const part of parts.filter((p) => p.filename === undefined)) {
    const text = part.data.toString('utf8');
    payload[part.name] = parseField(text);
  }
  for (const [field, value] of Object.entries(payload)) {
    const attached = typeof value === 'string' && value.startsWith('attach://');
    const file = attached
      ? parts.find((p) => p.name === value.slice('attach://'.length))
      : undefined;
    if (file)
      files[field] = { ...(file.filename ? { filename: file.filename } : {}), data: file.data };
  }
  return { payload, files };
}

function parseField(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
