import type Redis from 'ioredis';
import { StoreUnavailableError } from './conversation-store';

/**
 * Remembers which platform deliveries (Telegram update_id, Slack event_id) were
 * taken on, so a redelivery gets no second reply. A delivery is claimed before
 * it is handled, so a retry that arrives while the first attempt still runs is
 * skipped too; a failed attempt releases its claim so the platform may retry.
 */
export interface DeliveryLedger {
  /** True if this call claimed the delivery; false if it was claimed before. */
  claim(id: string): Promise<boolean>;
  /** Gives a claim back after handling failed. */
  release(id: string): Promise<void>;
}

/** How long a claim is remembered: Telegram keeps updates for 24 hours, Slack retries within minutes. */
export const DELIVERY_MEMORY_SECONDS = 25 * 60 * 60;

/** Claims in Redis: one key per delivery with SET NX and a time-to-live, shared by every bot process. */
export class RedisDeliveryLedger implements DeliveryLedger {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'tueroeffner',
    private readonly ttlSeconds = DELIVERY_MEMORY_SECONDS,
  ) {}

  async claim(id: string): Promise<boolean> {
    try {
      return (
        (await this.redis.set(
          `${this.prefix}:delivery:${id}`,
          '1',
          'EX',
          this.ttlSeconds,
          'NX',
        )) === 'OK'
      );
    } catch (error) {
      throw new StoreUnavailableError(`Redis: ${(error as Error).message}`, { cause: error });
    }
  }

  async release(id: string): Promise<void> {
    await this.redis.del(`${this.prefix}:delivery:${id}`).catch(() => undefined);
  }
}

/** Claims in this process's memory, for a single bot process without Redis. */
export class MemoryDeliveryLedger implements DeliveryLedger {
  private readonly claims = new Map<string, number>();

  constructor(
    private readonly ttlSeconds = DELIVERY_MEMORY_SECONDS,
    private readonly now: () => number = Date.now,
  ) {}

  async claim(id: string): Promise<boolean> {
    this.sweep();
    if (this.claims.has(id)) return false;
    this.claims.set(id, this.now() + this.ttlSeconds * 1000);
    return true;
  }

  async release(id: string): Promise<void> {
    this.claims.delete(id);
  }

  // Claims expire in insertion order, so the sweep stops at the first live one.
  private sweep(): void {
    const now = this.now();
    for (const [id, expiresAt] of this.claims) {
      if (expiresAt > now) break;
      this.claims.delete(id);
    }
  }
}
