import http from 'node:http';
import type { HttpRoute } from '../channels/channel';
import type { RequestDrain } from './request-drain';

/** What /readyz reports: each part and whether it is up. */
export type ReadinessCheck = () => Promise<Record<string, boolean>>;

/** Optional parts of the server: details for /readyz, and the drain that closes it gracefully. */
export interface HttpServerOptions {
  /** Why parts are not ready (attempts, last error names), shown in /readyz. */
  readinessDetails?: () => Record<string, unknown>;
  drain?: RequestDrain;
}

/**
 * The one HTTP server of `tueroeffner serve`: `GET /healthz` (the process is
 * alive), `GET /readyz` (Redis reachable, channels started) and the webhook
 * routes of the channels. Anything else is a 404; a failing route a 500.
 */
export function createHttpServer(
  routes: HttpRoute[],
  readiness: ReadinessCheck,
  options: HttpServerOptions = {},
): http.Server {
  const table = new Map(routes.map((route) => [`${route.method} ${route.path}`, route]));
  return http.createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    void dispatch(request, response, path ?? '/').catch(() => {
      if (!response.headersSent) respond(response, 500, { error: 'internal error' });
    });
  });

  async function dispatch(
    request: http.IncomingMessage,
    response: http.ServerResponse,
    path: string,
  ): Promise<void> {
    const { drain } = options;
    if (drain?.draining) {
      response.setHeader('connection', 'close');
      return respond(response, 503, { error: 'shutting down' });
    }
    drain?.track(response);
    if (request.method === 'GET' && path === '/healthz')
      return respond(response, 200, { status: 'ok' });
    if (request.method === 'GET' && path === '/readyz') {
      const parts = await readiness();
      const notReady = Object.keys(parts).filter((part) => !parts[part]);
      const details = notReady.length ? options.readinessDetails?.() : undefined;
      return respond(response, notReady.length ? 503 : 200, {
        status: notReady.length ? 'not ready' : 'ready',
        ...parts,
        ...(notReady.length ? { notReady } : {}),
        ...(details ? { details } : {}),
      });
    }
    const route = table.get(`${request.method} ${path}`);
    if (!route) return respond(response, 404, { error: 'not found' });
    await route.handle(request, response);
  }
}

/** Writes a JSON response. */
export function respond(response: http.ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

/** Reads a request body up to a limit; rejects with `BodyTooLargeError` beyond it. */
export async function readBody(
  request: http.IncomingMessage,
  limitBytes = 1024 * 1024,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limitBytes) throw new BodyTooLargeError();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** A request body over the limit. */
export class BodyTooLargeError extends Error {}

/**
 * Refuses an oversized body: a 413, and the connection closed after it, since
 * the rest of the body was never read and would garble the next request.
 */
export function refuseTooLarge(request: http.IncomingMessage, response: http.ServerResponse): void {
  response.setHeader('connection', 'close');
  response.on('finish', () => request.destroy());
  respond(response, 413, { error: 'request body too large' });
}
