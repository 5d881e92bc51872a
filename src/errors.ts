/**
 * Türöffner's error vocabulary: every failure the bot reports carries one of
 * these codes, so a log line, a metric and a test all name it the same way.
 */
export const ERROR_CODES = {
  /** A turn failed inside the engine; the user got the apology. */
  turnFailed: 'tueroeffner.turn_failed',
  /** Stored or loaded data does not have the expected shape (state, content, models). */
  dataInvalid: 'tueroeffner.data_invalid',
  /** The state store could not be reached or did not answer in time. */
  storeUnavailable: 'tueroeffner.store_unavailable',
  /** A setting is missing or malformed. */
  configInvalid: 'tueroeffner.config_invalid',
  /** A platform or Redis refused the configuration at start (wrong token, password, webhook URL). */
  startupRefused: 'tueroeffner.startup_refused',
  /** The trained models are missing or older than their training data. */
  modelStale: 'tueroeffner.model_stale',
} as const;

export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES];

/** A failure with a code; its message may name settings, never user texts or secrets. */
export class TueroeffnerError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'TueroeffnerError';
  }
}

/**
 * Misconfiguration a platform or Redis told us about at start: retrying cannot
 * help, so the process ends with one line naming the setting to fix.
 */
export class StartupRefusedError extends TueroeffnerError {
  constructor(
    readonly setting: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(ERROR_CODES.startupRefused, `${setting}: ${message}`, options);
    this.name = 'StartupRefusedError';
  }
}

/** The code of a failure, if it has one of ours. */
export function errorCodeOf(error: unknown): ErrorCode | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && code.startsWith('tueroeffner.')
    ? (code as ErrorCode)
    : undefined;
}

/**
 * The log-safe name of a failure: its class plus a machine code (ours, a
 * Slack API error code, a Bot API status, a Node errno), never its message,
 * which may quote a user's text or a URL with a secret.
 *
 * @example
 * logger.warn({ event: 'slack.call_failed', error: errorName(error) }, 'slack call failed');
 */
export function errorName(error: unknown): string {
  if (!(error instanceof Error)) return typeof error;
  const code = machineCode(error);
  return code === undefined ? error.name : `${error.name}:${code}`;
}

function machineCode(error: Error): string | number | undefined {
  const slack = (error as { data?: { error?: unknown } }).data?.error;
  if (typeof slack === 'string') return slack;
  const status = (error as { error_code?: unknown }).error_code;
  if (typeof status === 'number') return status;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && /^[\w.]+$/.test(code) ? code : undefined;
}
