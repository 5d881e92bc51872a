import type { Api } from 'grammy';
import type { Update } from 'grammy/types';
import type { Logger } from '../../observability/logger';

/** How long one getUpdates waits for updates on Telegram's side. */
const LONG_POLL_SECONDS = 25;
/** The pause after a failed fetch or record, doubling up to the cap. */
const PAUSE_MS = 500;
const MAX_PAUSE_MS = 15_000;

/**
 * Long polling that loses nothing: an update is confirmed to Telegram (by the
 * next getUpdates' offset) only after `record` resolved for it, that is after
 * it is safely in the inbox. A crash before that leaves it on Telegram's side,
 * and the redelivery is recognised by its update_id. (grammY's runner confirms
 * an offset as soon as it fetched the updates, handled or not.)
 */
export class TelegramPoller {
  private running = false;
  private abort?: AbortController;
  private loop?: Promise<void>;

  constructor(
    private readonly api: Api,
    private readonly allowedUpdates: readonly string[],
    private readonly record: (update: Update) => Promise<void>,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.running = true;
    this.loop = this.poll();
  }

  /** Stops; an update fetched but not yet recorded stays unconfirmed, for the next start. */
  async stop(): Promise<void> {
    this.running = false;
    this.abort?.abort();
    await this.loop;
  }

  private async poll(): Promise<void> {
    let offset: number | undefined;
    let failures = 0;
    while (this.running) {
      try {
        this.abort = new AbortController();
        const updates = await this.api.getUpdates(
          {
            ...(offset !== undefined ? { offset } : {}),
            timeout: LONG_POLL_SECONDS,
            allowed_updates: [...this.allowedUpdates] as never,
          },
          this.abort.signal as never, // grammY types its signal with a polyfill's class
        );
        for (const update of updates) {
          await this.record(update);
          offset = update.update_id + 1;
        }
        failures = 0;
      } catch (error) {
        if (!this.running) return;
        failures++;
        const pauseMs = Math.min(MAX_PAUSE_MS, PAUSE_MS * 2 ** (failures - 1));
        this.logger.warn(
          { event: 'telegram.poll_failed', error: (error as Error).name, pauseMs },
          'fetching or recording updates failed',
        );
        await new Promise((resolve) => setTimeout(resolve, pauseMs));
      }
    }
  }
}
