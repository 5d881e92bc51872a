/** What became of one attempt to send a reply: the platform sender's verdict, the outbox acts on it. */
export type SendOutcome =
  /** Delivered. */
  | { kind: 'sent' }
  /** The platform said when to try again (429 retry_after, Retry-After): wait exactly that. */
  | { kind: 'wait'; afterMs: number; reason: string }
  /** A 5xx, a reset, a timeout: try again with a growing, bounded backoff. */
  | { kind: 'failed'; reason: string }
  /** This reply can never be sent (a malformed message): drop it, keep the lane. */
  | { kind: 'rejected'; reason: string }
  /** The chat is gone (blocked, not found): drop the whole lane, and forget its user if told to. */
  | { kind: 'gone'; reason: string; forget?: boolean };
