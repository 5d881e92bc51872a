import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A fault the fake injects into one send: a 429 with a wait, a 500, or a reset connection. */
export type Fault = { kind: '429'; retryAfter: number } | { kind: '500' } | { kind: 'reset' };

/** Chooses a fault for a send (or none), e.g. at random with fixed odds. */
export type FaultPlan = () => Fault | undefined;

/** Counts of what the fake saw. */
export interface FakeCounts {
  delivered: number;
  faults: Record<string, number>;
}

/**
 * The bench's stand-ins for Telegram's Bot API and Slack's Web API over real
 * HTTP: they answer the start-up calls, count every delivered message and
 * inject faults into the sends (429 with retry_after / Retry-After, 500s,
 * reset connections).
 */
/** The Web API methods that deliver a reply to a user. */
const SENDS: Record<'telegram' | 'slack', readonly string[]> = {
  telegram: ['sendMessage', 'sendPhoto'],
  slack: ['chat.postMessage', 'files.completeUploadExternal'],
};

export class FakePlatformApi {
  readonly counts: FakeCounts = { delivered: 0, faults: {} };
  lastDeliveryAt = 0;
  private server?: http.Server;
  private nextId = 1;

  constructor(
    private readonly platform: 'telegram' | 'slack',
    private readonly faults: FaultPlan,
  ) {}

  private origin = '';

  async start(): Promise<string> {
    this.server = http.createServer((request, response) => void this.handle(request, response));
    this.server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.origin = `http://127.0.0.1:${port}`;
    return this.platform === 'telegram'
      ? `http://127.0.0.1:${port}`
      : `http://127.0.0.1:${port}/api/`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  private async handle(
    request: http.IncomingMessage,
    response: http.ServerResponse,
  ): Promise<void> {
    for await (const chunk of request) void chunk; // the body is not needed
    const method = (request.url ?? '').split('?')[0]?.split('/').pop() ?? '';
    // A picture is a delivered reply too (Telegram sendPhoto; Slack's upload completes with the file).
    const isSend = SENDS[this.platform].includes(method);
    const fault = isSend ? this.faults() : undefined;
    if (fault) {
      const name = fault.kind === '429' ? `429 retry_after ${fault.retryAfter}` : fault.kind;
      this.counts.faults[name] = (this.counts.faults[name] ?? 0) + 1;
      if (fault.kind === 'reset') return void request.socket.destroy();
      return this.fail(response, fault);
    }
    if (isSend) {
      this.counts.delivered++;
      this.lastDeliveryAt = Date.now();
    }
    this.ok(response, method);
  }

  private fail(response: http.ServerResponse, fault: Exclude<Fault, { kind: 'reset' }>): void {
    if (this.platform === 'telegram') {
      const status = fault.kind === '429' ? 429 : 500;
      return json(response, status, {
        ok: false,
        error_code: status,
        description:
          fault.kind === '429'
            ? `Too Many Requests: retry after ${fault.retryAfter}`
            : 'Internal Server Error',
        ...(fault.kind === '429' ? { parameters: { retry_after: fault.retryAfter } } : {}),
      });
    }
    if (fault.kind === '429') {
      response.setHeader('retry-after', String(fault.retryAfter));
      return json(response, 429, { ok: false, error: 'ratelimited' });
    }
    json(response, 500, { ok: false, error: 'internal_error' });
  }

  private ok(response: http.ServerResponse, method: string): void {
    if (this.platform === 'slack') {
      const result =
        method === 'auth.test'
          ? {
              ok: true,
              team_id: 'T0BENCH',
              user_id: 'UBOTBENCH',
              bot_id: 'BBOTBENCH',
              user: 'tueroeffner',
              team: 'Bench',
            }
          : method === 'files.getUploadURLExternal'
            ? // The two-step upload: the bytes go to this address, then completeUploadExternal.
              {
                ok: true,
                upload_url: `${this.origin}/upload/F${this.nextId}`,
                file_id: `F${this.nextId++}`,
              }
            : method === 'files.completeUploadExternal'
              ? { ok: true, files: [{ id: 'F0BENCH', title: 'upload' }] }
              : { ok: true, ts: `${Date.now() / 1000}`, channel: 'D0' };
      return json(response, 200, result);
    }
    const result =
      method === 'getMe'
        ? { id: 4242, is_bot: true, first_name: 'Türöffner', username: 'tueroeffner_bot' }
        : method === 'sendMessage' || method === 'sendPhoto'
          ? { message_id: this.nextId++, date: 0, chat: { id: 0, type: 'private' } }
          : true;
    json(response, 200, { ok: true, result });
  }
}

function json(response: http.ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}
