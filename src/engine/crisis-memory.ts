import type { ConversationState, OpenCrisis } from './state';

/** How long an open crisis is remembered in this process without the store. */
const KEEP_MS = 2 * 60 * 60 * 1000;
/** Conversations remembered at most; the oldest go first. */
const LIMIT = 10_000;

/** What is remembered of a conversation with an open crisis: enough to answer it in its language. */
interface Remembered {
  crisis: OpenCrisis;
  lang: ConversationState['lang'];
  voice: ConversationState['voice'];
  until: number;
}

/**
 * The open crises of this process's conversations, kept beside the store: when
 * Redis is frozen or down, the next turns still know that a crisis is open and
 * keep offering the resources instead of starting afresh.
 */
export class CrisisMemory {
  // A Map iterates in insertion order, so re-inserting on every note makes the first entry the oldest.
  private readonly open = new Map<string, Remembered>();

  /**
   * Brings a remembered crisis into a state that does not know it: a fresh one (the store did not
   * answer), or a stored one last written before the crisis (its turn was answered without the store).
   */
  restore(key: string, state: ConversationState, stored: boolean, now: number): void {
    const remembered = this.open.get(key);
    if (!remembered || remembered.until < now) return void this.open.delete(key);
    if (state.crisis || (stored && remembered.crisis.at < state.updatedAt)) return;
    state.crisis = { ...remembered.crisis };
    state.lang = remembered.lang;
    state.voice = remembered.voice;
    if (state.flow) {
      state.paused = state.flow;
      state.flow = undefined;
    }
    state.pending = remembered.crisis.level === 'possible' ? 'crisis_check' : 'crisis_followup';
  }

  /** Records how a turn left the conversation: a crisis still open, or none. */
  note(key: string, state: ConversationState, now: number): void {
    this.open.delete(key);
    if (!state.crisis) return;
    this.open.set(key, {
      crisis: { ...state.crisis },
      lang: state.lang,
      voice: state.voice,
      until: now + KEEP_MS,
    });
    if (this.open.size > LIMIT) this.open.delete(this.open.keys().next().value as string);
  }

  /** Forgets every conversation of a user. */
  forgetUser(userId: string): void {
    for (const key of this.open.keys())
      if (key.startsWith(`${userId}\u0000`)) this.open.delete(key);
  }
}

/** The memory key of a conversation. */
export function crisisMemoryKey(userId: string, conversationId: string): string {
  return `${userId}\u0000${conversationId}`;
}
