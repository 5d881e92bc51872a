import type { ConversationStore, StateChange, StateKey } from '../store/conversation-store';

/**
 * The conversation store as the engine sees it, where "forget the user" also
 * removes the replies still queued for them: erasure covers every key that
 * names the user, the outbox included.
 */
export class ErasingStore implements ConversationStore {
  constructor(
    private readonly store: ConversationStore,
    private readonly forgetQueued: (userId: string) => Promise<void>,
  ) {}

  update<T>(
    key: StateKey,
    change: (current: unknown) => StateChange<T>,
    turnId?: string,
  ): Promise<T> {
    return this.store.update(key, change, turnId);
  }

  read(key: StateKey): Promise<unknown> {
    return this.store.read(key);
  }

  async forgetUser(userId: string): Promise<void> {
    await Promise.all([this.store.forgetUser(userId), this.forgetQueued(userId)]);
  }

  close(): Promise<void> {
    return this.store.close();
  }
}
