/**
 * Lanes: durable first-in-first-out queues, one per key (a chat, a
 * conversation), scheduled side by side. Only the head of a lane is ever being
 * worked on, under a lease: a worker that dies leaves the lease to expire, and
 * the next worker (in this process or another) takes the same head again. The
 * inbox (updates to handle) and the outbox (replies to send) are both lanes.
 */

/** One entry of a lane. `owner` is a keyed hash of the user it concerns (for erasure). */
export interface LaneEntry<T = unknown> {
  id: string;
  body: T;
  owner?: string;
  /** When it was queued (ms since the epoch), to give up on entries older than a day. */
  at: number;
}

/** What to queue: entries for one lane, once per dedupe key. */
export interface PushRequest<T = unknown> {
  lane: string;
  entries: LaneEntry<T>[];
  /** Queued at most once per key (for 25 hours): a redelivery or a replayed turn adds nothing. */
  dedupeKey?: string;
  /** Crisis replies: ahead of the lane's other entries, and the lane ahead of other lanes. */
  urgent?: boolean;
}

/** The head of a lane, taken for work until `ack`, `postpone` or `dropLane`. */
export interface LaneLease<T = unknown> {
  lane: string;
  entry: LaneEntry<T>;
  /** The stored form of the entry (how `ack` finds it again). */
  raw: string;
  token: string;
  /** How often this head was postponed before (failed attempts). */
  attempts: number;
}

/** What `take` found: a lease, or how long until something may be due. */
export interface Taken<T = unknown> {
  lease?: LaneLease<T>;
  /** Milliseconds until the next lane is due (-1: all lanes empty). */
  nextInMs: number;
  /** With a lease: whether other lanes were due too (then another worker may look). */
  more?: boolean;
}

/** The send rates of one platform: per lane (a token bucket) and for all lanes together. */
export interface PlatformRate {
  /** Most takes per second over all lanes of the platform (all instances together). */
  perSecond: number;
  /** A lane may send `burst` at once, then one every `intervalMs`. */
  lane: { intervalMs: number; burst: number };
}

/** Rates by platform, the prefix of a lane name ("telegram:…"); lanes of other prefixes are unlimited. */
export type Rates = Record<string, PlatformRate>;

/** How long a dedupe key and an abandoned lane are remembered: Telegram keeps updates 24 hours. */
export const LANE_MEMORY_MS = 25 * 60 * 60 * 1000;

/** The queue. Every method may throw StoreUnavailableError when it lives in Redis and Redis fails. */
export interface Lanes<T = unknown> {
  /** Whether entries survive this process (Redis) or not (memory). */
  readonly durable: boolean;
  /** Queues entries; 'duplicate' when the dedupe key was seen before. */
  push(request: PushRequest<T>): Promise<'queued' | 'duplicate'>;
  /** Takes the head of the next due lane (urgent lanes first, rates permitting). */
  take(): Promise<Taken<T>>;
  /** The head is done: removes it; the lane is due again as its rate allows. False if the lease was lost. */
  ack(lease: LaneLease<T>): Promise<boolean>;
  /** Keeps the head and makes the lane due again after `delayMs` (a 429, a 5xx). */
  postpone(lease: LaneLease<T>, delayMs: number): Promise<void>;
  /** Removes the whole lane (the chat is gone: blocked, not found). */
  dropLane(lease: LaneLease<T>): Promise<void>;
  /** Removes every entry of an owner from every lane (erasure). */
  removeOwner(owner: string): Promise<void>;
  /** How many entries wait in all lanes. */
  depth(): Promise<number>;
}

/** The platform of a lane: the prefix of its name. */
export function platformOf(lane: string): string {
  return lane.slice(0, Math.max(0, lane.indexOf(':')));
}

/** A random token naming one lease. */
export function leaseToken(): string {
  return `${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}
