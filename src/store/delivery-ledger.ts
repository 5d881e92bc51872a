import type Redis from 'ioredis';
import { StoreUnavailableError } from './conversation-store';
import { DEFAULT_KEY_SECRET, KeyHasher } from './key-hasher';

/**
 * One-time claims: a pressed keyboard acts once, however often it is pressed.
 * A claim names its holder (the delivery that made it), so the same delivery,
 * handled again after a crash, still holds it; any other does not.
 */
export interface DeliveryLedger {
  /** True if this call claimed the id, or `holder` claimed it before; false if someone else did. */
  claim(id: string, holder?: string): Promise<boolean>;
  /** Gives a claim back. */
  release(id: string): Promise<void>;
}

/** How long a claim is remembered: Telegram keeps updates for 24 hours, Slack retries within minutes. */
export const DELIVERY_MEMORY_SECONDS = 25 * 60 * 60;

// Claims the key for ARGV[1] unless another holder has it.
const CLAIM_SCRIPT = `
local holder = redis.call('GET', KEYS[1])
if not holder then
  redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
  return 1
end
if ARGV[1] ~= '-' and holder == ARGV[1] then return 1 end
return 0
`;

interface ScriptedRedis extends Redis {
  tueroeffnerClaim(key: string, holder: string, ttlSeconds: number): Promise<number>;
}

/**
 * Claims in Redis, shared by every bot process: one key per claim with a
 * time-to-live, named by a keyed hash (the id may contain a chat id).
 */
export class RedisDeliveryLedger implements DeliveryLedger {
  private readonly redis: ScriptedRedis;

  constructor(
    redis: Redis,
    private readonly prefix = 'tueroeffner',
    private readonly ttlSeconds = DELIVERY_MEMORY_SECONDS,
    private readonly hasher = new KeyHasher(DEFAULT_KEY_SECRET),
  ) {
    if (!('tueroeffnerClaim' in redis))
      redis.defineCommand('tueroeffnerClaim', { numberOfKeys: 1, lua: CLAIM_SCRIPT });
    this.redis = redis as ScriptedRedis;
  }

  async claim(id: string, holder = '-'): Promise<boolean> {
    try {
      return (await this.redis.tueroeffnerClaim(this.key(id), holder, this.ttlSeconds)) === 1;
    } catch (error) {
      throw new StoreUnavailableError(`Redis: ${(error as Error).message}`, { cause: error });
    }
  }

  async release(id: string): Promise<void> {
    await this.redis.del(this.key(id)).catch(() => undefined);
  }

  private key(id: string): string {
    return `${this.prefix}:claim:${this.hasher.hash('claim', id)}`;
  }
}

/** Claims in this process's memory, for a single bot process without Redis. */
export class MemoryDeliveryLedger implements DeliveryLedger {
  private readonly claims = new Map<string, { holder: string; expiresAt: number }>();

  constructor(
    private readonly ttlSeconds = DELIVERY_MEMORY_SECONDS,
    private readonly now: () => number = Date.now,
  ) {}

  async claim(id: string, holder = '-'): Promise<boolean> {
    this.sweep();
    const claim = this.claims.get(id);
    if (claim) return holder !== '-' && claim.holder === holder;
    this.claims.set(id, { holder, expiresAt: this.now() + this.ttlSeconds * 1000 });
    return true;
  }

  async release(id: string): Promise<void> {
    this.claims.delete(id);
  }

  // Claims expire in insertion order, so the sweep stops at the first live one.
  private sweep(): void {
    const now = this.now();
    for (const [id, claim] of this.claims) {
      if (claim.expiresAt > now) break;
      this.claims.delete(id);
    }
  }
}
