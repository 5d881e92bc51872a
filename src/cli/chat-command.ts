import { createApp } from '../app';
import { runTerminalChat } from '../channels/terminal-chat';
import { loadConfig } from '../config';
import type { CliOptions } from './cli-options';

/** `tueroeffner chat`: the whole bot in this terminal (in-memory state unless REDIS_URL is set). */
export async function chatCommand(options: CliOptions): Promise<number> {
  const config = loadConfig();
  const app = await createApp(config, (message) =>
    process.stderr.write(`tueroeffner: ${message}\n`),
  );
  try {
    await runTerminalChat({
      engine: app.engine,
      input: process.stdin,
      output: process.stdout,
      interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY),
      conversationId: `terminal:${options.rest[0] ?? 'local'}`,
      ...(options.lang ? { locale: options.lang } : {}),
    });
  } finally {
    await app.close();
  }
  return 0;
}
