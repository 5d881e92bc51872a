import pino from 'pino';

/** The logger every part receives: pino's interface, JSON lines on stderr. */
export type Logger = pino.Logger;

/**
 * A JSON logger on stderr (stdout belongs to the CLI). Log event names, intent
 * ids, timings and error names — never message texts, and ids only as keyed
 * pseudonyms (hashId).
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

/** The one pseudonym function of log lines (a keyed HMAC; see pseudonym.ts). */
export { hashId } from './pseudonym';
