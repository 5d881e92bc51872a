import type { Channel } from '../channels/channel';
import { errorName, StartupRefusedError } from '../errors';
import type { Logger } from '../observability/logger';
import { pause, retryDelayMs } from './retry-delays';

/** Where a channel's start stands, for /readyz. */
export interface StartStatus {
  state: 'starting' | 'retrying' | 'ready' | 'refused' | 'stopped';
  attempts: number;
  /** The last failure's log-safe name while retrying. */
  lastError?: string;
  nextRetryMs?: number;
}

/**
 * Starts one channel on its own, independent of the others: a failure the
 * platform calls misconfiguration (StartupRefusedError) rejects at once; any
 * other failure (unreachable, 5xx, timeouts) is logged with the attempt and
 * the next delay, and tried again until it works or the process stops. Once
 * started, the channel's optional calls run in the background.
 */
export class ChannelStarter {
  readonly status: StartStatus = { state: 'starting', attempts: 0 };

  constructor(
    private readonly channel: Channel,
    private readonly logger: Logger,
    private readonly signal: AbortSignal,
  ) {}

  /** Resolves once started (or stopped before that); rejects with the refusal. */
  async run(): Promise<void> {
    while (!this.signal.aborted) {
      this.status.attempts += 1;
      try {
        await this.channel.start();
        // Told to stop while the start was under way: the stop has run already, so undo the start.
        if (this.signal.aborted) break;
        Object.assign(this.status, {
          state: 'ready',
          lastError: undefined,
          nextRetryMs: undefined,
        });
        this.runOptionalCalls();
        return;
      } catch (error) {
        if (error instanceof StartupRefusedError) {
          this.status.state = 'refused';
          throw error;
        }
        if (!(await this.retryLater(error))) break;
      }
    }
    this.status.state = 'stopped';
    await this.channel.stop();
  }

  private async retryLater(error: unknown): Promise<boolean> {
    const delayMs = retryDelayMs(this.status.attempts);
    Object.assign(this.status, {
      state: 'retrying',
      lastError: errorName(error),
      nextRetryMs: delayMs,
    });
    this.logger.warn(
      {
        event: 'channel.start_failed',
        channel: this.channel.name,
        attempt: this.status.attempts,
        error: errorName(error),
        retryInMs: delayMs,
      },
      `${this.channel.name} did not start; retrying`,
    );
    return pause(delayMs, this.signal);
  }

  // Command menus and diagnostics help, but the bot serves without them: retried, logged, never fatal.
  private runOptionalCalls(): void {
    for (const call of this.channel.optionalCalls?.() ?? []) {
      void retryOptional(call.name, call.run, this.channel.name, this.logger, this.signal);
    }
  }
}

async function retryOptional(
  name: string,
  run: () => Promise<void>,
  channel: string,
  logger: Logger,
  signal: AbortSignal,
): Promise<void> {
  for (let attempt = 1; !signal.aborted; attempt++) {
    try {
      await run();
      if (attempt > 1)
        logger.info(
          { event: 'channel.optional_call_done', channel, call: name, attempt },
          `${name} done`,
        );
      return;
    } catch (error) {
      const delayMs = retryDelayMs(attempt);
      logger.warn(
        {
          event: 'channel.optional_call_failed',
          channel,
          call: name,
          attempt,
          error: errorName(error),
          retryInMs: delayMs,
        },
        `${name} failed; retrying in the background`,
      );
      if (!(await pause(delayMs, signal))) return;
    }
  }
}
