/**
 * SIGTERM and SIGINT as a promise and an abort signal, installed first thing,
 * before anything can hang: a process told to stop while it still waits for
 * Redis or a platform stops at once instead of being killed.
 */
export class ShutdownSignal {
  private readonly controller = new AbortController();
  readonly requested: Promise<NodeJS.Signals>;

  constructor() {
    this.requested = new Promise((resolve) => {
      const onSignal = (signal: NodeJS.Signals): void => {
        process.off('SIGTERM', onSignal);
        process.off('SIGINT', onSignal);
        this.controller.abort();
        resolve(signal);
      };
      process.on('SIGTERM', onSignal);
      process.on('SIGINT', onSignal);
    });
  }

  /** Aborted once a signal arrived: start-up retries end at it. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }
}
