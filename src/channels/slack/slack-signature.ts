import crypto from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** How far a request's timestamp may be from now, either way, before it counts as a replay. */
export const SIGNATURE_WINDOW_SECONDS = 5 * 60;

/** Why a request was refused (for logs and tests; never sent back in detail). */
export type SignatureProblem =
  | 'missing_headers'
  | 'bad_timestamp'
  | 'stale'
  | 'future'
  | 'mismatch';

/**
 * Checks Slack's request signature: `v0=` + hex HMAC-SHA256 of
 * `v0:<X-Slack-Request-Timestamp>:<raw body>` under the signing secret,
 * compared in constant time. Unlike Bolt's own check, a timestamp more than
 * five minutes in the future is refused too, not only a stale one.
 *
 * @returns undefined when the request is genuine, otherwise what is wrong with it.
 * @example
 * const problem = signatureProblem(request.headers, rawBody, secret, Date.now());
 */
export function signatureProblem(
  headers: IncomingHttpHeaders,
  rawBody: Buffer,
  signingSecret: string,
  nowMs: number,
): SignatureProblem | undefined {
  const signature = headers['x-slack-signature'];
  const timestamp = headers['x-slack-request-timestamp'];
  // A repeated header arrives as an array (or joined by node): never a valid signature.
  if (typeof signature !== 'string' || typeof timestamp !== 'string') return 'missing_headers';
  if (!/^\d{1,12}$/.test(timestamp)) return 'bad_timestamp';
  const age = Math.floor(nowMs / 1000) - Number(timestamp);
  if (age > SIGNATURE_WINDOW_SECONDS) return 'stale';
  if (age < -SIGNATURE_WINDOW_SECONDS) return 'future';
  const expected = signRequest(signingSecret, timestamp, rawBody);
  return safeEqual(signature, expected) ? undefined : 'mismatch';
}

/** The signature Slack sends for a body at a timestamp (also used by tests to sign requests). */
export function signRequest(
  signingSecret: string,
  timestamp: string,
  rawBody: Buffer | string,
): string {
  const hmac = crypto.createHmac('sha256', signingSecret);
  hmac.update(`v0:${timestamp}:`);
  hmac.update(rawBody);
  return `v0=${hmac.digest('hex')}`;
}

// Hashing both sides first gives equal lengths, so the comparison time reveals nothing, not even the length.
function safeEqual(given: string, expected: string): boolean {
  const digest = (value: string): Buffer => crypto.createHash('sha256').update(value).digest();
  return crypto.timingSafeEqual(digest(given), digest(expected));
}
