import { spawn } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { FakeTelegramApi } from '../helpers/fake-telegram-api';
import { freePort, OwnRedisServer } from '../helpers/redis-server';
import { CliProcess, webhookBotEnv } from '../helpers/serve-process';
import { textUpdate } from '../helpers/telegram-updates';

const SECRET = 'shutdown_secret';
const BIN = path.join(__dirname, '..', '..', 'bin', 'tueroeffner.js');

/** One webhook POST on a keep-alive agent; resolves to the status, or 0 when the socket was closed. */
function post(agent: http.Agent, port: number, body: string): Promise<number> {
  return new Promise((resolve) => {
    const request = http.request(
      {
        host: '127.0.0.1',
        port,
        path: '/telegram/webhook',
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      },
    );
    request.on('error', () => resolve(0));
    request.end(body);
  });
}

describe('tueroeffner serve shutdown', () => {
  it('should exit 0 within 5 s of SIGTERM while keep-alive clients keep sending, after finishing what is in flight', async () => {
    const api = new FakeTelegramApi();
    const redis = new OwnRedisServer(await freePort());
    await redis.start();
    const port = await freePort();
    const bot = new CliProcess(
      webhookBotEnv({
        port,
        apiRoot: await api.start(),
        token: '123456:SHUTDOWN-test',
        secret: SECRET,
        redisUrl: redis.url,
      }),
    );
    const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
    try {
      await bot.waitForReadiness(port, 200);
      const statuses: number[] = [];
      let updateId = 1;
      let stop = false;
      // Eight clients, each sending on its own kept-alive socket until the server closes it.
      const clients = Array.from({ length: 8 }, async (_, client) => {
        while (!stop) {
          const update = {
            ...textUpdate({ id: 9100 + client, first_name: 'K' }, 'Ich kenne niemanden'),
          };
          update.update_id = 880_000 + updateId++;
          const status = await post(agent, port, JSON.stringify(update));
          statuses.push(status);
          if (status === 0) return;
        }
      });
      await api.waitFor(() => api.callsOf('sendMessage').length >= 40, 15_000);
      const exit = await bot.terminate();
      stop = true;
      await Promise.all(clients);
      expect(exit.code).toBe(0);
      expect(exit.ms).toBeLessThan(5_000);
      // Every request was answered (200) or refused for redelivery (503) or its socket closed: never a 500.
      expect(statuses.filter((s) => ![200, 503, 0].includes(s))).toEqual([]);
      expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(40);
      expect(bot.stderr).toContain('"event":"shutdown"');
    } finally {
      agent.destroy();
      bot.kill();
      await api.stop();
      await redis.stop();
    }
  }, 30_000);
});

describe('tueroeffner chat with its output closed early', () => {
  it('should end quietly with code 0 when the reader goes away (chat | head -1)', async () => {
    const input = Array.from({ length: 2_000 }, (_, i) =>
      i % 2 ? 'hallo' : 'Ich kenne niemanden',
    ).join('\n');
    const run = await new Promise<{ code: number | null; stdout: string; stderr: string }>(
      (resolve) => {
        // pipefail: the pipeline's status is the chat's own when it fails.
        const shell = spawn(
          'bash',
          [
            '-c',
            `set -o pipefail; ${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} chat | head -1`,
          ],
          { env: { ...process.env, REDIS_URL: '', DOTENV_CONFIG_QUIET: 'true' } },
        );
        let stdout = '';
        let stderr = '';
        shell.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
        shell.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
        shell.on('close', (code) => resolve({ code, stdout, stderr }));
        shell.stdin.end(`${input}\n`);
      },
    );
    expect(run.stderr).not.toMatch(/EPIPE|Error/);
    expect(run.code).toBe(0);
    expect(run.stdout.trim().split('\n')).toHaveLength(1);
    expect(run.stdout).toMatch(/^bot> /);
  }, 30_000);
});
