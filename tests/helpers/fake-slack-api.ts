import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseMultipart } from './multipart-form';

/** One Web API call the bot made: the method, its arguments (blocks parsed back from JSON) and the token. */
export interface SlackApiCall {
  method: string;
  args: Record<string, unknown>;
  token?: string;
  /** What the fake answered (chat.postMessage: the message's ts). */
  response?: Record<string, unknown>;
}

/** One answer the bot sent to a response_url. */
export interface ResponseUrlPost {
  path: string;
  body: Record<string, unknown>;
}

/** A file the bot uploaded to the address files.getUploadURLExternal gave it. */
export interface UploadedFile {
  fileId: string;
  data: Buffer;
}

/** The bot identity auth.test reports. */
export const FAKE_BOT = { userId: 'UBOT0TUER', botId: 'BBOT0TUER', teamId: 'T0TEST' } as const;

/**
 * A local stand-in for Slack's Web API (point SLACK_API_URL / `apiUrl` at
 * `url`): records every call, answers like Slack does, and can be told to
 * delay or fail a method. It also serves response_url posts under /hooks/.
 */
export class FakeSlackApi {
  readonly calls: SlackApiCall[] = [];
  readonly responseUrlPosts: ResponseUrlPost[] = [];
  /** Files uploaded in the two-step upload (files.getUploadURLExternal, then a POST of the bytes). */
  readonly uploads: UploadedFile[] = [];
  private nextFile = 1;
  private readonly delays = new Map<string, number>();
  private readonly failures = new Map<string, string>();
  private readonly statusFailures = new Map<string, number>();
  private nextTs = 1_700_000_000;

  private readonly server = http.createServer((request, response) => {
    void this.handle(request, response);
  });

  private constructor() {}

  /** Starts the fake on a free loopback port. */
  static async start(): Promise<FakeSlackApi> {
    const api = new FakeSlackApi();
    await new Promise<void>((resolve) => api.server.listen(0, '127.0.0.1', resolve));
    return api;
  }

  /** The Web API base address, as SLACK_API_URL takes it. */
  get url(): string {
    return `${this.origin}/api/`;
  }

  get origin(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** A response_url on this fake. */
  responseUrl(id: string): string {
    return `${this.origin}/hooks/${id}`;
  }

  /** Answers a method only after `ms` milliseconds. */
  delay(method: string, ms: number): void {
    this.delays.set(method, ms);
  }

  /** Answers a method with `{ ok: false, error }` (undefined: answer normally again). */
  fail(method: string, error: string | undefined): void {
    if (error) this.failures.set(method, error);
    else this.failures.delete(method);
  }

  /** Answers a method with an HTTP error status (500, 503 …); undefined: answer normally again. */
  failStatus(method: string, status: number | undefined): void {
    if (status) this.statusFailures.set(method, status);
    else this.statusFailures.delete(method);
  }

  /** The calls of one method, in order. */
  callsOf(method: string): SlackApiCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  /** Forgets the recorded calls and scripted behaviour. */
  reset(): void {
    this.calls.length = 0;
    this.responseUrlPosts.length = 0;
    this.uploads.length = 0;
    this.delays.clear();
    this.failures.clear();
    this.statusFailures.clear();
  }

  /** Waits until at least `count` calls of a method were made; throws after the timeout. */
  async waitFor(method: string, count = 1, timeoutMs = 5_000): Promise<SlackApiCall[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.callsOf(method).length < count) {
      if (Date.now() > deadline) {
        const seen = this.calls.map((c) => c.method).join(', ') || 'none';
        throw new Error(`expected ${count}× ${method} within ${timeoutMs} ms; calls: ${seen}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return this.callsOf(method);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(
    request: http.IncomingMessage,
    response: http.ServerResponse,
  ): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const bytes = Buffer.concat(chunks);
    const raw = bytes.toString('utf8');
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    if (path.startsWith('/upload/')) {
      // The Web API client posts the file as a form with one field, "body".
      const type = request.headers['content-type'] ?? '';
      const data = type.startsWith('multipart/form-data')
        ? (parseMultipart(bytes, type).find((p) => p.name === 'body')?.data ?? bytes)
        : bytes;
      this.uploads.push({ fileId: path.slice('/upload/'.length), data });
      response.writeHead(200, { 'content-type': 'text/plain' });
      return void response.end('OK');
    }
    if (path.startsWith('/hooks/')) {
      this.responseUrlPosts.push({ path, body: JSON.parse(raw) as Record<string, unknown> });
      response.writeHead(200, { 'content-type': 'text/plain' });
      return void response.end('ok');
    }
    const method = path.replace(/^\/api\//, '');
    const args = parseArgs(raw, request.headers['content-type']);
    const token = request.headers.authorization?.replace(/^Bearer /, '');
    const call: SlackApiCall = { method, args, ...(token ? { token } : {}) };
    this.calls.push(call);
    const delay = this.delays.get(method);
    if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
    const status = this.statusFailures.get(method);
    if (status) {
      response.writeHead(status, { 'content-type': 'text/plain' });
      return void response.end('server error');
    }
    const error = this.failures.get(method);
    call.response = error ? { ok: false, error } : this.answer(method, args);
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(call.response));
  }

  private answer(method: string, args: Record<string, unknown>): Record<string, unknown> {
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          url: 'https://test.slack.com/',
          team: 'Test',
          user: 'tueroeffner',
          team_id: FAKE_BOT.teamId,
          user_id: FAKE_BOT.userId,
          bot_id: FAKE_BOT.botId,
        };
      case 'chat.postMessage':
        return { ok: true, channel: args.channel, ts: `${this.nextTs++}.000100` };
      case 'chat.postEphemeral':
        return { ok: true, message_ts: `${this.nextTs++}.000200` };
      case 'chat.update':
        return { ok: true, channel: args.channel, ts: args.ts };
      case 'views.publish':
        return { ok: true, view: { id: 'V0HOME' } };
      case 'files.getUploadURLExternal': {
        const fileId = `F0TEST${this.nextFile++}`;
        return { ok: true, upload_url: `${this.origin}/upload/${fileId}`, file_id: fileId };
      }
      case 'files.completeUploadExternal':
        return { ok: true, files: [{ id: 'F0TEST', title: 'upload' }] };
      case 'conversations.open':
        // The direct message of a user with the bot: D plus the user id's tail, stable per user.
        return { ok: true, channel: { id: `D${String(args.users).slice(1)}` } };
      default:
        return { ok: true };
    }
  }
}

// The Web API client sends a form, with objects (blocks) as JSON strings; a few methods send JSON.
function parseArgs(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (contentType?.includes('application/json'))
    return JSON.parse(raw || '{}') as Record<string, unknown>;
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    args[key] = /^[[{]/.test(value) ? tryJson(value) : value;
  }
  return args;
}

function tryJson(value: string): unknown {
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}
