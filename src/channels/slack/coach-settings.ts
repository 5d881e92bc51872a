import { VOICES, type Voice } from '../../engine/content';
import type { ConversationStore, StateKey } from '../../store/conversation-store';
import { userIdOf } from './slack-conversations';

/**
 * A coach's choice of voice for the coach tools (Sie, du or English), kept in
 * the state store under the coach's own user id — so it expires with the
 * store's time-to-live and `/tueroeffner-vergessen` deletes it with the rest.
 * A store outage only means the default voice.
 */
export class CoachSettings {
  constructor(private readonly store: ConversationStore) {}

  /** The voice the coach chose, if any. */
  async voice(team: string, user: string): Promise<Voice | undefined> {
    const stored = await this.store.read(this.key(team, user)).catch(() => undefined);
    const voice = (stored as { voice?: unknown } | undefined)?.voice;
    return (VOICES as readonly unknown[]).includes(voice) ? (voice as Voice) : undefined;
  }

  /** Remembers the coach's voice; false when the store could not be written. */
  async setVoice(team: string, user: string, voice: Voice): Promise<boolean> {
    return this.store
      .update(this.key(team, user), () => ({ next: { voice }, result: true }))
      .catch(() => false);
  }

  private key(team: string, user: string): StateKey {
    return { userId: userIdOf(team, user), conversationId: `slack:${team}:coach-settings` };
  }
}
