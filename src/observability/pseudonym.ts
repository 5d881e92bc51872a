import crypto from 'node:crypto';

/** Bytes of a generated key (as 64 hex characters in PSEUDONYM_KEY). */
const GENERATED_KEY_BYTES = 32;

// Until configured, a key of this process only: pseudonyms then match within one run and
// cannot be recomputed by anyone, which is the safe default for tests and tools.
let key: Buffer = crypto.randomBytes(GENERATED_KEY_BYTES);

/**
 * Sets the key of the log pseudonyms (PSEUDONYM_KEY). Without a key, one is
 * generated for this run, and `onGenerated` is told once so the operator can
 * put a permanent one into .env (the key itself is never printed or logged).
 */
export function configurePseudonyms(
  configured: string | undefined,
  onGenerated: (guidance: string) => void,
): void {
  if (configured) {
    key = Buffer.from(configured, 'utf8');
    return;
  }
  key = crypto.randomBytes(GENERATED_KEY_BYTES);
  onGenerated(
    'PSEUDONYM_KEY is not set: log pseudonyms use a key generated for this run, so they will not match across restarts. ' +
      'Put a permanent key into .env, e.g. PSEUDONYM_KEY=<output of `openssl rand -hex 32`>, and keep it secret.',
  );
}

/**
 * The pseudonym of a chat or user id in logs: a keyed HMAC-SHA256, so lines
 * of one user can be correlated, but nobody without the key can test a
 * guessed id against it (an unkeyed hash of a chat id is brute-forced in seconds).
 */
export function hashId(id: string | number): string {
  return crypto.createHmac('sha256', key).update(String(id)).digest('hex').slice(0, 16);
}
