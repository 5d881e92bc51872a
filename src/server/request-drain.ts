import type http from 'node:http';

/**
 * Graceful close of the HTTP server under keep-alive load: `server.close()`
 * alone waits for every keep-alive socket, and a client that keeps sending on
 * its socket keeps the server open forever. So: stop listening, refuse new
 * requests on open sockets (503 and `Connection: close`, so the platform
 * redelivers elsewhere or later), let the requests in flight finish, close the
 * idle sockets, then all.
 */
export class RequestDrain {
  private inFlight = new Set<http.ServerResponse>();
  private closing = false;
  private onIdle?: () => void;

  /** Whether new requests are refused. */
  get draining(): boolean {
    return this.closing;
  }

  /** Counts a request as in flight until its response is done. */
  track(response: http.ServerResponse): void {
    this.inFlight.add(response);
    response.once('close', () => {
      this.inFlight.delete(response);
      if (this.inFlight.size === 0) this.onIdle?.();
    });
  }

  /** Closes the server: finishes what is in flight (at most `limitMs`), then closes every socket. */
  async close(server: http.Server, limitMs: number): Promise<void> {
    this.closing = true;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const response of this.inFlight)
      if (!response.headersSent) response.setHeader('connection', 'close');
    server.closeIdleConnections();
    await this.inFlightDone(limitMs);
    server.closeIdleConnections();
    server.closeAllConnections();
    await closed;
  }

  private inFlightDone(limitMs: number): Promise<void> {
    if (this.inFlight.size === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, limitMs);
      this.onIdle = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
