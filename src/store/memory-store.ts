import type { ConversationStore, StateChange, StateKey } from './conversation-store';
import { DEFAULT_TTL_SECONDS } from './conversation-store';

/**
 * Conversation state in this process's memory, with the same time-to-live as
 * Redis. For the terminal chat and tests: state is not shared between
 * processes and is gone when the process ends.
 */
export class MemoryStore implements ConversationStore {
  private readonly entries = new Map<
    string,
    { json: string; expiresAt: number; turnId?: string; result?: unknown }
  >();

  constructor(
    private readonly ttlSeconds = DEFAULT_TTL_SECONDS,
    private readonly now: () => number = Date.now,
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
    if (next === undefined) this.entries.delete(id);
    else
      this.entries.set(id, {
        json: JSON.stringify(next),
        expiresAt: this.now() + this.ttlSeconds * 1000,
        ...(turnId ? { turnId, result } : {}),
      });
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
    return JSON.parse(entry.json) as unknown;
  }
}

function entryId(key: StateKey): string {
  return `${key.userId}\u0000${key.conversationId}`;
}
