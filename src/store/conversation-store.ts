import { ERROR_CODES, TueroeffnerError } from '../errors';

/** Whose state a key holds: every stored conversation belongs to exactly one user. */
export interface StateKey {
  userId: string;
  conversationId: string;
}

/** The next value of a key (undefined deletes it) and what the caller gets back. */
export interface StateChange<T> {
  next: unknown;
  result: T;
}

/**
 * Where conversation state lives. The one write operation is an atomic
 * read-modify-write, so two messages of one conversation that arrive at once,
 * in one process or in two, never lose an update: `change` may run more than
 * once when another writer got there first, so it must not have side effects.
 */
export interface ConversationStore {
  /**
   * Reads a key, lets `change` compute its next value, and writes it unless
   * someone wrote in between (then retries). With a `turnId` the write is
   * applied at most once: the result is stored with the state, and a turn
   * already applied returns that stored result without running `change`.
   * If the store cannot confirm the write in time it throws
   * StoreUnavailableError, and a write that reaches it later changes nothing.
   */
  update<T>(
    key: StateKey,
    change: (current: unknown) => StateChange<T>,
    turnId?: string,
  ): Promise<T>;
  /** Reads a key without changing it. */
  read(key: StateKey): Promise<unknown>;
  /** Deletes every key of a user: all conversations, progress, everything. */
  forgetUser(userId: string): Promise<void>;
  /** Releases connections. */
  close(): Promise<void>;
}

/** The store could not be reached or did not answer in time; the engine answers without state. */
export class StoreUnavailableError extends TueroeffnerError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(ERROR_CODES.storeUnavailable, message, options);
    this.name = 'StoreUnavailableError';
  }
}

/** The default time-to-live of every stored key: 30 days since the last write. */
export const DEFAULT_TTL_SECONDS = 30 * 24 * 60 * 60;
