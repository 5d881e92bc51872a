/** The first wait before a failed start-up call is tried again. */
export const FIRST_RETRY_MS = 1_000;
/** The longest wait between two attempts: an outage is noticed within this once it is over. */
export const MAX_RETRY_MS = 30_000;

/** The wait before attempt `attempt + 1` (1 s, 2 s, 4 s … at most 30 s). */
export function retryDelayMs(attempt: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempt - 1), MAX_RETRY_MS);
}

/** Waits `ms`, or less when the signal aborts (then resolves false). */
export function pause(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(false);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
