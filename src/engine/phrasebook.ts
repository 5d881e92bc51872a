import type { Content, Variant, Voice } from './content';
import type { ResponseKey } from './response-keys';
import type { ChannelName } from './types';

/**
 * Picks what to say: one variant of a response key in the conversation's voice,
 * never one that was sent in the previous turn, with placeholders filled in.
 */
export class Phrasebook {
  /** Variant ids sent in this turn; the next turn avoids them. */
  readonly sent: string[] = [];

  constructor(
    private readonly content: Content,
    private readonly channel: ChannelName,
    private readonly recent: readonly string[],
    private readonly random: () => number,
  ) {}

  /** The text of a response key; throws on a key no voice file has (the content validator prevents that). */
  text(voice: Voice, key: ResponseKey, vars: Record<string, string | number> = {}): string {
    const candidates = this.candidates(voice, key);
    const fresh = candidates.filter(
      ({ id }) => !this.recent.includes(id) && !this.sent.includes(id),
    );
    // All variants said before in this conversation: the one said longest ago comes back first.
    const pool = fresh.length
      ? fresh
      : [...candidates].sort((a, b) => this.recent.indexOf(a.id) - this.recent.indexOf(b.id));
    const chosen = fresh.length
      ? (pool[Math.floor(this.random() * pool.length)] ?? pool[0])
      : pool[0];
    if (!chosen) throw new Error(`responses/${voice}.yml has no text for "${key}"`);
    this.sent.push(chosen.id);
    return capitalised(fill(chosen.variant.text, vars));
  }

  /** A short label (buttons): the first variant, not tracked for repetition. */
  label(voice: Voice, key: ResponseKey): string {
    const variant = this.candidates(voice, key)[0];
    if (!variant) throw new Error(`responses/${voice}.yml has no label for "${key}"`);
    return variant.variant.text;
  }

  // Channel-specific variants win over general ones, as in Rasa's responses.
  private candidates(voice: Voice, key: ResponseKey): { id: string; variant: Variant }[] {
    const all = (this.content.texts[voice][key] ?? []).map((variant, i) => ({
      id: `${key}#${i}`,
      variant,
    }));
    const forChannel = all.filter(({ variant }) => variant.channel === this.channel);
    return forChannel.length ? forChannel : all.filter(({ variant }) => !variant.channel);
  }
}

function fill(text: string, vars: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in vars ? String(vars[name]) : whole,
  );
}

// A text that starts with a placeholder ("{via} – genau so …") still starts a sentence.
function capitalised(text: string): string {
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}
