import crypto from 'node:crypto';
import pino from 'pino';

/** The logger every part receives: pino's interface, JSON lines on stderr. */
export type Logger = pino.Logger;

/**
 * A JSON logger on stderr (stdout belongs to the CLI). Log event names, intent
 * ids, timings and error classes — never message texts, and ids only hashed
 * (see {@link hashId}).
 */
export function createLogger(
  level = process.env.LOG_LEVEL || 'info',
  destination: pino.DestinationStream = pino.destination({ fd: 2, sync: false }),
  onError?: () => void,
): Logger {
  return pino(
    {
      level,
      base: { app: 'tueroeffner' },
      // Every error-level line is also counted (the errors metric), whichever part logged it.
      hooks: {
        logMethod(args, method, levelValue) {
          if (levelValue >= 50) onError?.();
          method.apply(this, args);
        },
      },
    },
    destination,
  );
}

/** A logger that drops everything, for tests and the terminal chat. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}

/** A short, stable pseudonym of a chat or user id, so logs can be correlated without naming anyone. */
export function hashId(id: string | number): string {
  return crypto.createHash('sha256').update(`tueroeffner:${id}`).digest('hex').slice(0, 12);
}
