import {
  LANE_MEMORY_MS,
  leaseToken,
  platformOf,
  type LaneEntry,
  type LaneLease,
  type Lanes,
  type PushRequest,
  type Rates,
  type Taken,
} from './lanes';

/** More entries than this wait nowhere: a push beyond it is refused (back-pressure). */
export const DEFAULT_MEMORY_CAPACITY = 10_000;

/** The queue is full; the caller answers "later" (a 503) instead of queueing without bound. */
export class LanesFullError extends Error {
  readonly code = 'tueroeffner.queue_full';

  constructor() {
    super('the queue is full');
    this.name = 'LanesFullError';
  }
}

interface Lane<T> {
  entries: { raw: string; entry: LaneEntry<T> }[];
  dueAt: number;
  urgent: boolean;
  lease?: string;
  attempts: number;
}

/**
 * Lanes in this process's memory, with the same behaviour as the Redis lanes
 * (leases, urgent lanes first, rates, dedupe): the queue of a bot without
 * Redis, and the fallback of one whose Redis does not answer. Bounded: beyond
 * `capacity` entries a push is refused.
 */
export class MemoryLanes<T = unknown> implements Lanes<T> {
  readonly durable = false;
  private readonly lanes = new Map<string, Lane<T>>();
  private readonly seen = new Map<string, number>();
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly sent = new Map<string, number>();
  private size = 0;

  constructor(
    private readonly leaseMs: number,
    private readonly rates: Rates = {},
    private readonly capacity = DEFAULT_MEMORY_CAPACITY,
    private readonly now: () => number = Date.now,
  ) {}

  async push(request: PushRequest<T>): Promise<'queued' | 'duplicate'> {
    const now = this.now();
    this.sweepSeen(now);
    if (request.dedupeKey && this.seen.has(request.dedupeKey)) return 'duplicate';
    if (this.size + request.entries.length > this.capacity) throw new LanesFullError();
    if (request.dedupeKey) this.seen.set(request.dedupeKey, now + LANE_MEMORY_MS);
    const lane = this.lanes.get(request.lane) ?? {
      entries: [],
      dueAt: this.readyAt(request.lane, now),
      urgent: false,
      attempts: 0,
    };
    const stored = request.entries.map((entry) => ({ raw: JSON.stringify(entry), entry }));
    if (request.urgent) {
      lane.entries.unshift(...stored);
      lane.urgent = true;
    } else lane.entries.push(...stored);
    this.size += stored.length;
    this.lanes.set(request.lane, lane);
    return 'queued';
  }

  async take(): Promise<Taken<T>> {
    const now = this.now();
    const due = [...this.lanes.entries()].filter(([, lane]) => lane.dueAt <= now);
    due.sort(([, a], [, b]) => Number(b.urgent) - Number(a.urgent) || a.dueAt - b.dueAt);
    for (const [name, lane] of due) {
      const head = lane.entries[0];
      if (!head) {
        this.lanes.delete(name);
        continue;
      }
      if (!this.withinPlatformRate(name, now)) continue;
      const token = leaseToken();
      lane.lease = token;
      lane.dueAt = now + this.leaseMs;
      return {
        lease: { lane: name, entry: head.entry, raw: head.raw, token, attempts: lane.attempts },
        nextInMs: 0,
        more: due.length > 1,
      };
    }
    const next = Math.min(...[...this.lanes.values()].map((lane) => lane.dueAt));
    return { nextInMs: Number.isFinite(next) ? Math.max(1, next - now) : -1 };
  }

  async ack(lease: LaneLease<T>): Promise<boolean> {
    const lane = this.held(lease);
    if (!lane) return false;
    const index = lane.entries.findIndex((stored) => stored.raw === lease.raw);
    if (index >= 0) {
      lane.entries.splice(index, 1);
      this.size--;
    }
    lane.lease = undefined;
    lane.attempts = 0;
    const now = this.now();
    this.spendToken(lease.lane, now);
    if (!lane.entries.length) this.lanes.delete(lease.lane);
    else lane.dueAt = this.readyAt(lease.lane, now);
    return true;
  }

  async postpone(lease: LaneLease<T>, delayMs: number): Promise<void> {
    const lane = this.held(lease);
    if (!lane) return;
    lane.lease = undefined;
    lane.attempts++;
    lane.dueAt = this.now() + delayMs;
  }

  async dropLane(lease: LaneLease<T>): Promise<void> {
    const lane = this.held(lease);
    if (!lane) return;
    this.size -= lane.entries.length;
    this.lanes.delete(lease.lane);
  }

  async removeOwner(owner: string): Promise<void> {
    for (const lane of this.lanes.values()) {
      const kept = lane.entries.filter((stored) => stored.entry.owner !== owner);
      this.size -= lane.entries.length - kept.length;
      lane.entries = kept;
    }
  }

  async depth(): Promise<number> {
    return this.size;
  }

  private held(lease: LaneLease<T>): Lane<T> | undefined {
    const lane = this.lanes.get(lease.lane);
    return lane?.lease === lease.token ? lane : undefined;
  }

  // === Rates: a token bucket per lane, and a count per second per platform

  private tokens(lane: string, now: number): number {
    const rate = this.rates[platformOf(lane)]?.lane;
    const bucket = this.buckets.get(lane);
    if (!rate || !bucket) return rate?.burst ?? 1;
    return Math.min(rate.burst, bucket.tokens + (now - bucket.at) / rate.intervalMs);
  }

  private readyAt(lane: string, now: number): number {
    const rate = this.rates[platformOf(lane)]?.lane;
    const tokens = this.tokens(lane, now);
    return rate && tokens < 1 ? now + Math.ceil((1 - tokens) * rate.intervalMs) : now;
  }

  private spendToken(lane: string, now: number): void {
    const rate = this.rates[platformOf(lane)]?.lane;
    if (!rate) return;
    const tokens = this.tokens(lane, now) - 1;
    if (tokens >= rate.burst) this.buckets.delete(lane);
    else this.buckets.set(lane, { tokens, at: now });
    // Buckets that are full again are forgotten, so the map holds only lanes that sent lately.
    if (this.buckets.size > 1000) {
      for (const [name] of this.buckets) {
        if (this.tokens(name, now) >= (this.rates[platformOf(name)]?.lane.burst ?? 1))
          this.buckets.delete(name);
      }
    }
  }

  private withinPlatformRate(lane: string, now: number): boolean {
    const platform = platformOf(lane);
    const limit = this.rates[platform]?.perSecond;
    if (!limit) return true;
    const key = `${platform}:${Math.floor(now / 1000)}`;
    const count = this.sent.get(key) ?? 0;
    if (count >= limit) return false;
    if (this.sent.size > 16) this.sent.clear();
    this.sent.set(key, count + 1);
    return true;
  }

  // Dedupe keys expire in insertion order, so the sweep stops at the first live one.
  private sweepSeen(now: number): void {
    for (const [key, expiresAt] of this.seen) {
      if (expiresAt > now) break;
      this.seen.delete(key);
    }
  }
}
