import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

/** How a `tueroeffner serve` process ended, and how long after the signal (or start). */
export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  ms: number;
}

/**
 * `tueroeffner serve` (or another command) as its own process, with helpers
 * that wait on events — log lines, HTTP answers, the exit — never on fixed sleeps.
 */
export class CliProcess {
  stderr = '';
  stdout = '';
  readonly exited: Promise<ProcessExit>;
  private readonly child: ChildProcess;
  private readonly startedAt = Date.now();
  private signalledAt?: number;

  constructor(
    env: NodeJS.ProcessEnv,
    args: string[] = ['serve'],
    root = path.join(__dirname, '..', '..'),
  ) {
    this.child = spawn(process.execPath, [path.join(root, 'bin', 'tueroeffner.js'), ...args], {
      env: { ...process.env, DOTENV_CONFIG_QUIET: 'true', ...env },
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stderr?.on('data', (chunk: Buffer) => (this.stderr += chunk.toString('utf8')));
    this.child.stdout?.on('data', (chunk: Buffer) => (this.stdout += chunk.toString('utf8')));
    this.exited = new Promise((resolve) =>
      this.child.once('exit', (code, signal) =>
        resolve({ code, signal, ms: Date.now() - (this.signalledAt ?? this.startedAt) }),
      ),
    );
  }

  /** Sends SIGTERM; resolves to the exit, timed from the signal. */
  terminate(): Promise<ProcessExit> {
    this.signalledAt = Date.now();
    this.child.kill('SIGTERM');
    return this.exited;
  }

  /** Kills it if it still runs (cleanup). */
  kill(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
  }

  /** Resolves once stderr matches; rejects when the process exits first or after the timeout. */
  async waitForLog(pattern: RegExp, timeoutMs = 15_000): Promise<void> {
    await this.waitUntil(() => pattern.test(this.stderr), `log ${pattern}`, timeoutMs);
  }

  /** Resolves once /readyz answers with the wanted status (200 or 503), with its body. */
  async waitForReadiness(
    port: number,
    status: 200 | 503,
    timeoutMs = 15_000,
    settled: (body: Record<string, unknown>) => boolean = () => true,
  ): Promise<Record<string, unknown>> {
    let body: Record<string, unknown> = {};
    await this.waitUntilAsync(
      async () => {
        const response = await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => undefined);
        if (response?.status !== status) return false;
        body = (await response.json()) as Record<string, unknown>;
        return settled(body);
      },
      `/readyz ${status}`,
      timeoutMs,
    );
    return body;
  }

  /**
   * Resolves once the process's inbox and outbox are empty (its /metrics say so): every
   * update the webhook accepted so far is handled and its replies are sent. The webhook
   * answers as soon as an update is recorded, before the turn.
   */
  async waitForDeliveries(port: number, timeoutMs = 15_000): Promise<void> {
    await this.waitUntilAsync(
      async () => {
        const response = await fetch(`http://127.0.0.1:${port}/metrics`).catch(() => undefined);
        if (response?.status !== 200) return false;
        const depths = [
          ...(await response.text()).matchAll(/^tueroeffner_queue_depth\{[^}]*\} (\S+)$/gm),
        ];
        return depths.length === 2 && depths.every((depth) => Number(depth[1]) === 0);
      },
      'an empty inbox and outbox',
      timeoutMs,
    );
  }

  private async waitUntil(test: () => boolean, what: string, timeoutMs: number): Promise<void> {
    await this.waitUntilAsync(async () => test(), what, timeoutMs);
  }

  private async waitUntilAsync(
    test: () => Promise<boolean>,
    what: string,
    timeoutMs: number,
  ): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let exited = false;
    void this.exited.then(() => (exited = true));
    while (!(await test())) {
      if (exited && !(await test()))
        throw new Error(`process exited before ${what}:\n${this.stderr}`);
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}:\n${this.stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}

const BIN = path.join(__dirname, '..', '..', 'bin', 'tueroeffner.js');

/** `tueroeffner serve` as its own process, as in production, started until ready and killed hard at will (crash tests). */
export class ServeProcess {
  stderr = '';
  private child?: ChildProcess;

  constructor(
    private readonly env: NodeJS.ProcessEnv,
    readonly port: number,
    private readonly secret = '',
  ) {}

  /** Starts and waits until /readyz answers 200. */
  async start(): Promise<void> {
    this.child = spawn(process.execPath, [BIN, 'serve'], {
      env: { ...process.env, DOTENV_CONFIG_QUIET: 'true', ...this.env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    this.child.stderr?.on('data', (chunk: Buffer) => (this.stderr += chunk.toString('utf8')));
    const child = this.child;
    for (let i = 0; i < 200; i++) {
      const ready = await fetch(`http://127.0.0.1:${this.port}/readyz`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ready) return;
      if (child.exitCode !== null) throw new Error(`serve exited early:\n${this.stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`serve did not become ready:\n${this.stderr}`);
  }

  /** Kills it hard, as a crash or an OOM kill would. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  terminate(): Promise<{ code: number | null; ms: number }> {
    const started = Date.now();
    const child = this.child;
    const exit = new Promise<{ code: number | null; ms: number }>((resolve) =>
      child?.once('exit', (code) => resolve({ code, ms: Date.now() - started })),
    );
    child?.kill('SIGTERM');
    return exit;
  }

  /** Posts an update to the Telegram webhook; resolves to the status. */
  post(update: unknown): Promise<number> {
    return fetch(`http://127.0.0.1:${this.port}/telegram/webhook`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-telegram-bot-api-secret-token': this.secret,
      },
      body: JSON.stringify(update),
    }).then((r) => r.status);
  }
}

/** The settings of a Telegram webhook bot on PORT against a (fake) Bot API: what serve-process tests share. */
export function webhookBotEnv(options: {
  port: number;
  apiRoot: string;
  token: string;
  secret: string;
  redisUrl?: string;
}): NodeJS.ProcessEnv {
  return {
    PORT: String(options.port),
    REDIS_URL: options.redisUrl ?? '',
    TELEGRAM_BOT_TOKEN: options.token,
    TELEGRAM_API_ROOT: options.apiRoot,
    TELEGRAM_WEBHOOK_URL: `http://127.0.0.1:${options.port}/telegram/webhook`,
    TELEGRAM_WEBHOOK_SECRET: options.secret,
  };
}
