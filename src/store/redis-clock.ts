import type Redis from 'ioredis';

/** How long a measured clock offset is trusted before it is measured again. */
const REMEASURE_MS = 60_000;

/**
 * Redis' own clock, as seen from this process. Scripts compare a deadline in
 * Redis time with `TIME`, so a command that reaches Redis after the client
 * gave up on it (a frozen server, thawed later) changes nothing: the client's
 * "not written" stays true. The offset is measured with one TIME call and
 * refreshed once a minute; clocks of different hosts never have to agree.
 */
export class RedisClock {
  private offsetMs?: number;
  private measuredAt = 0;

  constructor(
    private readonly redis: Redis,
    private readonly now: () => number = Date.now,
  ) {}

  /** The Redis time `withinMs` from now: a script arriving later must not act. */
  async deadline(withinMs: number): Promise<number> {
    if (this.offsetMs === undefined || this.now() - this.measuredAt > REMEASURE_MS) {
      await this.measure();
    }
    return Math.floor(this.now() + (this.offsetMs ?? 0) + withinMs);
  }

  private async measure(): Promise<void> {
    const sent = this.now();
    const [seconds, micros] = await this.redis.time();
    const received = this.now();
    const redisMs = Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
    // Redis read its clock somewhere in the round trip; its middle is the best guess.
    this.offsetMs = redisMs - (sent + received) / 2;
    this.measuredAt = received;
  }
}
