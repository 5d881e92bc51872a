import type Redis from 'ioredis';
import { StoreUnavailableError } from '../store/conversation-store';
import { REDIS_COMMAND_TIMEOUT_MS } from '../store/redis-client';
import { RedisClock } from '../store/redis-clock';
import {
  ACK_SCRIPT,
  DEPTH_SCRIPT,
  DROP_LANE_SCRIPT,
  POSTPONE_SCRIPT,
  PUSH_SCRIPT,
  REMOVE_OWNER_SCRIPT,
  TAKE_SCRIPT,
} from './lane-scripts';
import {
  LANE_MEMORY_MS,
  leaseToken,
  type LaneEntry,
  type LaneLease,
  type Lanes,
  type PushRequest,
  type Rates,
  type Taken,
} from './lanes';

type Reply = (string | number)[];

interface ScriptedRedis extends Redis {
  tueroeffnerLanePush(...args: (string | number)[]): Promise<number>;
  tueroeffnerLaneTake(...args: (string | number)[]): Promise<Reply>;
  tueroeffnerLaneAck(...args: (string | number)[]): Promise<number>;
  tueroeffnerLanePostpone(...args: (string | number)[]): Promise<number>;
  tueroeffnerLaneDrop(...args: (string | number)[]): Promise<number>;
  tueroeffnerLaneRemoveOwner(...args: (string | number)[]): Promise<number>;
  tueroeffnerLaneDepth(...args: (string | number)[]): Promise<number>;
}

/** Where a set of lanes lives in Redis, how long a lease lasts, and the platforms' rates. */
export interface RedisLanesOptions {
  redis: Redis;
  /** Key prefix, e.g. "tueroeffner"; the lanes live under `<prefix>:{q}:<name>`. */
  prefix: string;
  /** "in" (the inbox) or "out" (the outbox). */
  name: string;
  leaseMs: number;
  rates?: Rates;
}

/**
 * Lanes in Redis, shared by every instance: a list per lane
 * (`<prefix>:{q}:<name>:lane:<lane>`), a sorted set of when each lane is due,
 * a hash of leases, a set of urgent lanes and the lanes' send buckets. The
 * `{q}` hash tag keeps them in one slot, so each operation is one script.
 * A push carries a deadline: one that reaches Redis after the caller gave up
 * queues nothing, so "not queued" is never wrong.
 */
export class RedisLanes<T = unknown> implements Lanes<T> {
  readonly durable = true;
  private readonly redis: ScriptedRedis;
  private readonly clock: RedisClock;
  private readonly base: string;
  private readonly limits: string;
  private readonly laneRates: string;

  constructor(private readonly options: RedisLanesOptions) {
    const { redis } = options;
    const scripts: [string, number, string][] = [
      ['tueroeffnerLanePush', 7, PUSH_SCRIPT],
      ['tueroeffnerLaneTake', 5, TAKE_SCRIPT],
      ['tueroeffnerLaneAck', 6, ACK_SCRIPT],
      ['tueroeffnerLanePostpone', 3, POSTPONE_SCRIPT],
      ['tueroeffnerLaneDrop', 5, DROP_LANE_SCRIPT],
      ['tueroeffnerLaneRemoveOwner', 1, REMOVE_OWNER_SCRIPT],
      ['tueroeffnerLaneDepth', 1, DEPTH_SCRIPT],
    ];
    for (const [name, numberOfKeys, lua] of scripts) {
      if (!(name in redis)) redis.defineCommand(name, { numberOfKeys, lua });
    }
    this.redis = redis as ScriptedRedis;
    this.clock = new RedisClock(redis);
    this.base = `${options.prefix}:{q}:${options.name}`;
    const rates = Object.entries(options.rates ?? {});
    this.limits = rates.map(([platform, rate]) => `${platform}=${rate.perSecond}`).join(',');
    this.laneRates = rates
      .map(([platform, rate]) => `${platform}=${rate.lane.intervalMs}/${rate.lane.burst}`)
      .join(',');
  }

  async push(request: PushRequest<T>): Promise<'queued' | 'duplicate'> {
    // Until the script is on its way, a failure certainly queued nothing.
    const deadline = await this.call(() => this.clock.deadline(REDIS_COMMAND_TIMEOUT_MS / 2), true);
    const result = await this.call(() =>
      this.redis.tueroeffnerLanePush(
        this.key('due'),
        this.key('urgent'),
        this.laneKey(request.lane),
        request.dedupeKey ? this.key(`seen:${request.dedupeKey}`) : this.key('seen:-'),
        this.key('lease'),
        this.key('attempts'),
        this.key('buckets'),
        deadline,
        request.dedupeKey ? LANE_MEMORY_MS : 0,
        request.urgent ? '1' : '0',
        LANE_MEMORY_MS,
        request.lane,
        this.laneRates,
        ...request.entries.map((entry) => JSON.stringify(entry)),
      ),
    );
    if (result === -1) throw new StoreUnavailableError('Redis ran the push after its deadline');
    return result === 1 ? 'queued' : 'duplicate';
  }

  async take(): Promise<Taken<T>> {
    const token = leaseToken();
    const reply = await this.call(() =>
      this.redis.tueroeffnerLaneTake(
        this.key('due'),
        this.key('urgent'),
        this.key('lease'),
        this.key('attempts'),
        this.key('buckets'),
        this.options.leaseMs,
        token,
        this.limits,
        this.base,
        this.laneRates,
      ),
    );
    if (Number(reply[0]) !== 1) return { nextInMs: Number(reply[1]) };
    const raw = String(reply[2]);
    return {
      lease: {
        lane: String(reply[1]),
        raw,
        entry: JSON.parse(raw) as LaneEntry<T>,
        token,
        attempts: Number(reply[3]),
      },
      nextInMs: 0,
      more: Number(reply[4]) === 1,
    };
  }

  async ack(lease: LaneLease<T>): Promise<boolean> {
    const acked = await this.call(() =>
      this.redis.tueroeffnerLaneAck(
        this.key('due'),
        this.key('urgent'),
        this.key('lease'),
        this.laneKey(lease.lane),
        this.key('attempts'),
        this.key('buckets'),
        lease.lane,
        lease.token,
        lease.raw,
        this.laneRates,
      ),
    );
    return acked === 1;
  }

  async postpone(lease: LaneLease<T>, delayMs: number): Promise<void> {
    await this.call(() =>
      this.redis.tueroeffnerLanePostpone(
        this.key('due'),
        this.key('lease'),
        this.key('attempts'),
        lease.lane,
        lease.token,
        Math.max(1, Math.round(delayMs)),
      ),
    );
  }

  async dropLane(lease: LaneLease<T>): Promise<void> {
    await this.call(() =>
      this.redis.tueroeffnerLaneDrop(
        this.key('due'),
        this.key('urgent'),
        this.key('lease'),
        this.laneKey(lease.lane),
        this.key('attempts'),
        lease.lane,
        lease.token,
      ),
    );
  }

  async removeOwner(owner: string): Promise<void> {
    await this.call(() =>
      this.redis.tueroeffnerLaneRemoveOwner(this.key('due'), this.base, ownerMarker(owner)),
    );
  }

  async depth(): Promise<number> {
    return Number(
      await this.call(() => this.redis.tueroeffnerLaneDepth(this.key('due'), this.base)),
    );
  }

  private key(part: string): string {
    return `${this.base}:${part}`;
  }

  private laneKey(lane: string): string {
    return this.key(`lane:${lane}`);
  }

  // A failure is "uncertain" when the command may have run (a timeout, a connection lost on the way back).
  private async call<R>(command: () => Promise<R>, unsent = false): Promise<R> {
    try {
      return await command();
    } catch (error) {
      if (error instanceof StoreUnavailableError) throw error;
      const message = (error as Error).message;
      const uncertain = !unsent && !NOT_SENT.test(message);
      throw uncertain
        ? new QueueUncertainError(`Redis: ${message}`, { cause: error })
        : new StoreUnavailableError(`Redis: ${message}`, { cause: error });
    }
  }
}

/** ioredis' words for a command it never sent (not connected, and no offline queue). */
const NOT_SENT = /Stream isn't writeable|enableOfflineQueue/;

/**
 * Redis did not answer, but the command may have run (it timed out, or the
 * connection broke while it was on its way): whether it was queued is unknown.
 */
export class QueueUncertainError extends StoreUnavailableError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'QueueUncertainError';
  }
}

/** How an entry's owner appears in its stored JSON (entries are written with JSON.stringify). */
export function ownerMarker(owner: string): string {
  return `"owner":${JSON.stringify(owner)}`;
}
