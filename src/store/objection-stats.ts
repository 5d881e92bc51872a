import type Redis from 'ioredis';
import { StoreUnavailableError } from './conversation-store';

/** How long a day's counts are kept: the App Home shows at most 30 days back. */
export const STATS_TTL_SECONDS = 31 * 24 * 60 * 60;

const DAY_MS = 24 * 60 * 60 * 1000;

/** Counts per objection id, for one workspace over some days. */
export type ObjectionCounts = Record<string, number>;

/**
 * How often each objection came up in a workspace, per day: aggregate counts
 * only — no user, no conversation, no text — so a coach sees what their
 * clients struggle with without seeing who said what. Days are UTC days.
 */
export interface ObjectionStats {
  /** Counts one recognised objection for a workspace (team) on the day of `at`. */
  record(team: string, objection: string, at?: number): Promise<void>;
  /** The sums per objection of the last `days` days up to and including the day of `at`. */
  totals(team: string, days: number, at?: number): Promise<ObjectionCounts>;
}

/** Per team per day one Redis hash (HINCRBY per objection) that expires after 31 days. */
export class RedisObjectionStats implements ObjectionStats {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'tueroeffner',
    private readonly ttlSeconds = STATS_TTL_SECONDS,
  ) {}

  async record(team: string, objection: string, at = Date.now()): Promise<void> {
    const key = this.key(team, dayOf(at));
    await this.call(() =>
      this.redis.multi().hincrby(key, objection, 1).expire(key, this.ttlSeconds).exec(),
    );
  }

  async totals(team: string, days: number, at = Date.now()): Promise<ObjectionCounts> {
    const pipeline = this.redis.pipeline();
    for (const day of lastDays(days, at)) pipeline.hgetall(this.key(team, day));
    const results = (await this.call(() => pipeline.exec())) ?? [];
    const hashes = results.map(([, hash]) => (hash ?? {}) as Record<string, string>);
    return sum(hashes.map((hash) => mapValues(hash, Number)));
  }

  /** The Redis key of one team's day (exposed for tests that check the time-to-live). */
  key(team: string, day: string): string {
    return `${this.prefix}:stats:${team}:${day}`;
  }

  private async call<T>(command: () => Promise<T>): Promise<T> {
    try {
      return await command();
    } catch (error) {
      throw new StoreUnavailableError(`Redis: ${(error as Error).message}`, { cause: error });
    }
  }
}

/** The same counts in this process's memory (single process without Redis); days older than 31 are dropped. */
export class MemoryObjectionStats implements ObjectionStats {
  private readonly days = new Map<string, Map<string, ObjectionCounts>>();

  async record(team: string, objection: string, at = Date.now()): Promise<void> {
    this.sweep(at);
    const day = dayOf(at);
    const counts = this.days.get(day) ?? new Map<string, ObjectionCounts>();
    this.days.set(day, counts);
    const current = counts.get(team) ?? {};
    counts.set(team, { ...current, [objection]: (current[objection] ?? 0) + 1 });
  }

  async totals(team: string, days: number, at = Date.now()): Promise<ObjectionCounts> {
    return sum(lastDays(days, at).map((day) => this.days.get(day)?.get(team) ?? {}));
  }

  private sweep(at: number): void {
    const oldest = dayOf(at - STATS_TTL_SECONDS * 1000);
    for (const day of this.days.keys()) if (day < oldest) this.days.delete(day);
  }
}

/** Statistics where the state lives: in Redis when there is a client, else in memory. */
export function createObjectionStats(redis: Redis | undefined): ObjectionStats {
  return redis ? new RedisObjectionStats(redis) : new MemoryObjectionStats();
}

// === Helpers

/** The UTC day of a time, as "2025-03-14". */
function dayOf(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}

function lastDays(days: number, at: number): string[] {
  return Array.from({ length: days }, (_, i) => dayOf(at - i * DAY_MS));
}

function sum(list: ObjectionCounts[]): ObjectionCounts {
  const total: ObjectionCounts = {};
  for (const counts of list) {
    for (const [objection, count] of Object.entries(counts)) {
      if (Number.isFinite(count)) total[objection] = (total[objection] ?? 0) + count;
    }
  }
  return total;
}

function mapValues(record: Record<string, string>, f: (value: string) => number): ObjectionCounts {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, f(value)]));
}
