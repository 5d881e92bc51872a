import crypto from 'node:crypto';

/**
 * Turns ids that name a person (chat ids, user ids) into keyed hashes for
 * Redis key names, so that a key never carries the raw id and nobody without
 * the secret can recompute whose key it is. Each use has its own domain
 * ("user", "conversation", "lane"), so the hash of a user's conversation or
 * outbox lane is never the hash of the user.
 */
export class KeyHasher {
  constructor(private readonly secret: string) {}

  /** A short, stable keyed hash of an id within a domain. */
  hash(domain: string, id: string): string {
    return crypto
      .createHmac('sha256', this.secret)
      .update(`${domain}\u0000${id}`)
      .digest('base64url')
      .slice(0, 22);
  }
}

/**
 * The secret used when REDIS_KEY_SECRET is unset. Keys stay stable across
 * restarts, but anyone with the code can recompute them: set your own secret.
 */
export const DEFAULT_KEY_SECRET = 'tueroeffner-default-key-secret';
