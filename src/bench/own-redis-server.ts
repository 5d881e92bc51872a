import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** A free TCP port on the loopback interface. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/**
 * A redis-server of its own (for a test or the bench) on a free port, with an append-only file
 * (fsync always), so a test can kill it, freeze it and start it again with its
 * data — without touching the machine's Redis.
 */
export class OwnRedisServer {
  private process?: ChildProcess;
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tueroeffner-redis-'));

  /** `extraArgs`: more redis-server options, e.g. `['--requirepass', 'x']` or `['--maxmemory', '2mb']`. */
  constructor(
    readonly port: number,
    private readonly extraArgs: string[] = [],
  ) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.process = spawn(
      'redis-server',
      [
        '--port',
        String(this.port),
        '--bind',
        '127.0.0.1',
        '--dir',
        this.dir,
        '--appendonly',
        'yes',
        '--appendfsync',
        'always',
        '--save',
        '',
        ...this.extraArgs,
      ],
      { stdio: 'ignore' },
    );
    await this.waitUntil(true);
  }

  /** Runs one command through redis-cli (setup and inspection). */
  command(...args: string[]): Promise<string> {
    return new Promise((resolve, reject) => {
      const cli = spawn('redis-cli', ['-p', String(this.port), ...this.cliAuth(), ...args]);
      let out = '';
      cli.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
      cli.on('error', reject);
      cli.on('close', () => resolve(out.trim()));
    });
  }

  private cliAuth(): string[] {
    const at = this.extraArgs.indexOf('--requirepass');
    const password = at >= 0 ? this.extraArgs[at + 1] : undefined;
    return password ? ['--no-auth-warning', '-a', password] : [];
  }

  /** Kills it hard (SIGKILL), as a crash would. */
  async kill(): Promise<void> {
    const process = this.process;
    if (!process) return;
    const exited = new Promise((resolve) => process.once('exit', resolve));
    process.kill('SIGKILL');
    await exited;
    this.process = undefined;
  }

  /** Freezes (SIGSTOP) or thaws (SIGCONT) it: connections stay open, nothing answers. */
  freeze(frozen: boolean): void {
    this.process?.kill(frozen ? 'SIGSTOP' : 'SIGCONT');
  }

  async stop(): Promise<void> {
    this.freeze(false);
    await this.kill();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  private async waitUntil(up: boolean): Promise<void> {
    for (let i = 0; i < 100; i++) {
      const answers = await new Promise<boolean>((resolve) => {
        const socket = net.connect(this.port, '127.0.0.1');
        socket.once('connect', () => socket.end(() => resolve(true)));
        socket.once('error', () => resolve(false));
      });
      if (answers === up) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`redis-server on ${this.port} did not ${up ? 'start' : 'stop'}`);
  }
}
