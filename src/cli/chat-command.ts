import os from 'node:os';
import path from 'node:path';
import { createApp } from '../app';
import { runTerminalChat } from '../channels/terminal-chat';
import { loadConfig } from '../config';
import { humanDestination } from '../observability/human-log';
import { createLogger } from '../observability/logger';
import { PictureRenderer } from '../pictures/picture-renderer';
import type { CliOptions } from './cli-options';

/**
 * `tueroeffner chat`: the whole bot in this terminal (in-memory state unless
 * REDIS_URL is set). A stale or missing model is trained once first, with a
 * progress line on stderr. Charts (the network count, progress) are written as
 * PNG files to a folder in the system's temporary directory and their paths
 * printed; `--no-images` shows only their text version.
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
      ...(options.images
        ? {
            pictures: {
              renderer: new PictureRenderer(),
              dir: path.join(os.tmpdir(), `tueroeffner-chat-${process.pid}`),
            },
          }
        : {}),
    });
  } finally {
    // The chat may end before its input does (closed output): let go of stdin so the process can end.
    process.stdin.destroy();
    await app.close();
  }
  return 0;
}
