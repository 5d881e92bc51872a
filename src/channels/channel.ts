import type { IncomingMessage as HttpRequest, ServerResponse } from 'node:http';

/** An HTTP route a channel serves on the shared server (webhooks). */
export interface HttpRoute {
  method: 'GET' | 'POST';
  path: string;
  handle(request: HttpRequest, response: ServerResponse): void | Promise<void>;
}

/** A call that helps but is not needed to serve (command menus, diagnostics): retried in the background, never fatal. */
export interface OptionalCall {
  name: string;
  run(): Promise<void>;
}

/**
 * A platform adapter: translates the platform's updates to engine messages and
 * the engine's replies back. The terminal, Telegram and Slack are channels.
 */
export interface Channel {
  readonly name: string;
  /** Routes to mount on the HTTP server (none for polling or sockets). */
  readonly routes: HttpRoute[];
  /**
   * Starts receiving (polling, sockets, webhook registration). Throws a
   * StartupRefusedError when the platform refuses the configuration (retrying
   * cannot help); any other failure is retried by the caller.
   */
  start(): Promise<void>;
  /** What to call once started, in the background (see {@link OptionalCall}). */
  optionalCalls?(): OptionalCall[];
  /** Stops receiving and waits for the messages in flight. */
  stop(): Promise<void>;
  /** Whether the channel is up (for /readyz). */
  isReady(): boolean;
}
