import { createApp } from '../app';
import { runTerminalChat } from '../channels/terminal-chat';
import { loadConfig } from '../config';
import { humanDestination } from '../observability/human-log';
import { createLogger } from '../observability/logger';
import type { CliOptions } from './cli-options';

/**
 * `tueroeffner chat`: the whole bot in this terminal (in-memory state unless
 * REDIS_URL is set). A stale or missing model is trained once first, with a
 * progress line on stderr.
 */
export async function chatCommand(options: CliOptions): Promise<number> {
  const config = loadConfig();
  const logger = createLogger('warn', humanDestination());
  const app = await createApp(config, { logger, models: 'train' });
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
    // The chat may end before its input does (closed output): let go of stdin so the process can end.
    process.stdin.destroy();
    await app.close();
  }
  return 0;
}
