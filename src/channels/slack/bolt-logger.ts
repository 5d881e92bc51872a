import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../observability/logger';

/** Longest log line kept from Bolt, the Web API client or the Socket Mode client. */
const MAX_LINE = 300;

/**
 * Bolt's and the Slack clients' logs, sent to Türöffner's logger (JSON on
 * stderr) instead of the console. Debug output is dropped — at that level
 * the clients print whole payloads, which hold message texts — and of an
 * error object only its class is kept.
 */
export function boltLogger(logger: Logger): BoltLogger {
  let level = LogLevel.INFO;
  const write =
    (method: 'info' | 'warn' | 'error') =>
    (...parts: unknown[]): void => {
      logger[method]({ event: 'slack.library' }, describe(parts));
    };
  return {
    debug: () => undefined,
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}

function describe(parts: unknown[]): string {
  return parts
    .map((part) => {
      if (typeof part === 'string') return part;
      if (part instanceof Error) return part.name;
      return typeof part;
    })
    .join(' ')
    .slice(0, MAX_LINE);
}
