import type Redis from 'ioredis';
import { KeyedQueue } from './keyed-queue';
import { DEFAULT_KEY_SECRET, KeyHasher } from './key-hasher';
import { RedisClock } from './redis-clock';
import { REDIS_COMMAND_TIMEOUT_MS } from './redis-client';
import {
  DEFAULT_TTL_SECONDS,
  StoreUnavailableError,
  type ConversationStore,
  type StateChange,
  type StateKey,
} from './conversation-store';

/** How often an update is retried when another process changed the key in between. */
const MAX_ATTEMPTS = 50;

// Compare-and-set: write only if the version is still the one read, then bump it.
// A turn id makes it idempotent: a turn already applied is not applied again (2 and its stored result).
// A script that reaches Redis after its deadline (in Redis time) does nothing (-1): the client gave up on it.
// Also files the key under its user, so "forget" finds every key, and refreshes both TTLs.
const CAS_SCRIPT = `
local clock = redis.call('TIME')
if clock[1] * 1000 + math.floor(clock[2] / 1000) > tonumber(ARGV[6]) then return {-1} end
if ARGV[4] ~= '' and redis.call('HGET', KEYS[1], 't') == ARGV[4] then
  return {2, redis.call('HGET', KEYS[1], 'r')}
end
local current = redis.call('HGET', KEYS[1], 'v') or '0'
if current ~= ARGV[1] then return {0} end
if ARGV[2] == '' then
  redis.call('DEL', KEYS[1])
  redis.call('SREM', KEYS[2], KEYS[1])
  return {1}
end
redis.call('HSET', KEYS[1], 'v', tostring(tonumber(current) + 1), 'd', ARGV[2], 't', ARGV[4], 'r', ARGV[5])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
redis.call('SADD', KEYS[2], KEYS[1])
redis.call('PEXPIRE', KEYS[2], ARGV[3])
return {1}
`;

// Deletes every key filed under a user, and the index itself, in one step.
const FORGET_SCRIPT = `
local keys = redis.call('SMEMBERS', KEYS[1])
for _, key in ipairs(keys) do redis.call('DEL', key) end
redis.call('DEL', KEYS[1])
return #keys
`;

interface ScriptedRedis extends Redis {
  tueroeffnerCas(
    state: string,
    index: string,
    expected: string,
    data: string,
    ttlMs: number,
    turnId: string,
    result: string,
    deadline: number,
  ): Promise<[number, string?]>;
  tueroeffnerForget(index: string): Promise<number>;
}

/**
 * Conversation state in Redis: one hash per conversation (`v` version, `d`
 * JSON, `t` the last applied turn id, `r` that turn's result) under
 * `tueroeffner:{<user hash>}:c:<conversation hash>` — keyed hashes, never raw
 * ids — every key with a time-to-live that each write refreshes. The braces
 * are a Redis Cluster hash tag: all keys of a user live in one slot, so the
 * scripts may touch them together.
 */
export class RedisStore implements ConversationStore {
  private readonly redis: ScriptedRedis;
  private readonly queue = new KeyedQueue();
  private readonly clock: RedisClock;

  constructor(
    redis: Redis,
    private readonly ttlSeconds = DEFAULT_TTL_SECONDS,
    private readonly prefix = 'tueroeffner',
    private readonly hasher = new KeyHasher(DEFAULT_KEY_SECRET),
  ) {
    this.clock = new RedisClock(redis);
    redis.defineCommand('tueroeffnerCas', { numberOfKeys: 2, lua: CAS_SCRIPT });
    redis.defineCommand('tueroeffnerForget', { numberOfKeys: 1, lua: FORGET_SCRIPT });
    this.redis = redis as ScriptedRedis;
  }

  async update<T>(
    key: StateKey,
    change: (current: unknown) => StateChange<T>,
    turnId?: string,
  ): Promise<T> {
    const stateKey = this.stateKey(key);
    return this.queue.run(stateKey, () =>
      this.compareAndSet(stateKey, this.indexKey(key.userId), change, turnId ?? ''),
    );
  }

  private async compareAndSet<T>(
    stateKey: string,
    indexKey: string,
    change: (current: unknown) => StateChange<T>,
    turnId: string,
  ): Promise<T> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      if (attempt > 0) await sleep(Math.random() * Math.min(50, 2 ** attempt));
      const [version, data, appliedTurn, appliedResult] = await this.call(() =>
        this.redis.hmget(stateKey, 'v', 'd', 't', 'r'),
      );
      if (turnId && appliedTurn === turnId) return parse(appliedResult) as T;
      const { next, result } = change(parse(data));
      const json = next === undefined ? '' : JSON.stringify(next);
      // Half the command timeout for the way there, half for the answer's way back.
      const deadline = await this.call(() => this.clock.deadline(REDIS_COMMAND_TIMEOUT_MS / 2));
      const [written, stored] = await this.call(() =>
        this.redis.tueroeffnerCas(
          stateKey,
          indexKey,
          version ?? '0',
          json,
          this.ttlSeconds * 1000,
          turnId,
          turnId ? JSON.stringify(result) : '',
          deadline,
        ),
      );
      if (written === 1) return result;
      if (written === 2) return parse(stored) as T;
      if (written === -1) throw new StoreUnavailableError('Redis ran the write after its deadline');
    }
    throw new StoreUnavailableError(
      `state of one conversation changed ${MAX_ATTEMPTS} times during one update`,
    );
  }

  async read(key: StateKey): Promise<unknown> {
    return parse(await this.call(() => this.redis.hget(this.stateKey(key), 'd')));
  }

  async forgetUser(userId: string): Promise<void> {
    await this.call(() => this.redis.tueroeffnerForget(this.indexKey(userId)));
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }

  /** The Redis key of a conversation (exposed for tests that check TTLs). */
  stateKey(key: StateKey): string {
    return `${this.prefix}:{${this.userTag(key.userId)}}:c:${this.hasher.hash('conversation', key.conversationId)}`;
  }

  /** The Redis key of a user's index of keys. */
  indexKey(userId: string): string {
    return `${this.prefix}:{${this.userTag(userId)}}:keys`;
  }

  /** The hash tag of a user's keys: a keyed hash, so no key names the user. */
  userTag(userId: string): string {
    return this.hasher.hash('user', userId);
  }

  private async call<T>(command: () => Promise<T>): Promise<T> {
    try {
      return await command();
    } catch (error) {
      throw new StoreUnavailableError(`Redis: ${(error as Error).message}`, { cause: error });
    }
  }
}

// Another process won the race; wait a little (jittered) so the next try does not collide again.
function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// Unreadable state (a manual edit, a bug of an old version) reads as no state rather than a crash.
function parse(data: string | null | undefined): unknown {
  if (!data) return undefined;
  try {
    return JSON.parse(data) as unknown;
  } catch {
    return undefined;
  }
}
