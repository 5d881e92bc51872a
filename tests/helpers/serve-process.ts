import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const BIN = path.join(__dirname, '..', '..', 'bin', 'tueroeffner.js');

/** `tueroeffner serve` as its own process, as in production. */
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
      env: { ...process.env, ...this.env },
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
