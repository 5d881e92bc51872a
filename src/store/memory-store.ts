import type { ConversationStore, StateChange, StateKey } from './conversation-store';
import { DEFAULT_TTL_SECONDS } from './conversation-store';

/** Conversations kept at most; beyond, the least recently used goes first (about 1 KB each). */
export const MEMORY_STORE_LIMIT = 50_000;

/**
 * Conversation state in this process's memory, with the same time-to-live as
 * Redis and a size limit (least recently used first out), so a long-running
 * process never grows without bound. For the terminal chat and tests: state is
 * not shared between processes and is gone when the process ends.
 */
export class MemoryStore implements ConversationStore {
  // A Map iterates in insertion order: re-inserting on every write keeps the least recent first.
  private readonly entries = new Map<
    string,
    { value: unknown; expiresAt: number; turnId?: string; result?: unknown }
  >();

  constructor(
    private readonly ttlSeconds = DEFAULT_TTL_SECONDS,
    private readonly now: () => number = Date.now,
    private readonly limit = MEMORY_STORE_LIMIT,
  ) {}

  // JavaScript runs this synchronously from read to write, so no other update can come in between.
  async update<T>(
    key: StateKey,
    change: (current: unknown) => StateChange<T>,
    turnId?: string,
  ): Promise<T> {
    const id = entryId(key);
    const applied = this.entries.get(id);
    if (turnId && applied?.turnId === turnId) return applied.result as T;
    const { next, result } = change(this.get(id));
    this.entries.delete(id);
    if (next === undefined) return result;
    // The object is kept as it is (no JSON round trip); every read hands out a copy of it.
    this.entries.set(id, {
      value: next,
      expiresAt: this.now() + this.ttlSeconds * 1000,
      ...(turnId ? { turnId, result } : {}),
    });
    if (this.entries.size > this.limit)
      this.entries.delete(this.entries.keys().next().value as string);
    return result;
  }

  async read(key: StateKey): Promise<unknown> {
    return this.get(entryId(key));
  }

  async forgetUser(userId: string): Promise<void> {
    const prefix = `${userId}\u0000`;
    for (const id of [...this.entries.keys()]) if (id.startsWith(prefix)) this.entries.delete(id);
  }

  async close(): Promise<void> {
    this.entries.clear();
  }

  /** How many keys are stored (for tests and the benchmark). */
  get size(): number {
    return this.entries.size;
  }

  private get(id: string): unknown {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(id);
      return undefined;
    }
    return structuredClone(entry.value);
  }
}

function entryId(key: StateKey): string {
  return `${key.userId}\u0000${key.conversationId}`;
}
