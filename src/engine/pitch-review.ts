import type { Lang } from '../nlu/intent-ids';
import { normalizeText } from '../nlu/normalize';
import { countWords } from './pitch-composer';
import { PITCH_PARTS, type PitchDefinition, type PitchPart } from './pitch-definition';

/** How a spoken pitch was: its length, which of the three parts it has, and whether it ends with an ask. */
export interface PitchReview {
  words: number;
  seconds: number;
  length: 'short' | 'ok' | 'long';
  parts: Record<PitchPart, boolean>;
  /** ends: the last sentence asks; early: an ask, but not at the end; none: no ask. */
  ask: 'ends' | 'early' | 'none';
  score: number;
}

/** The best possible score: one point each for the length, the three parts and the closing ask. */
export const PITCH_MAX_SCORE = 5;

/**
 * Reads a pitch as the user said it in a rehearsal, by the cue words of
 * responses/pitch.yml: is it about 30 seconds long, does it say who they are,
 * what they are good at and what they are looking for, and does it end with
 * the small ask ("Wenn Ihnen jemand einfällt …")?
 */
export function reviewPitch(text: string, lang: Lang, definition: PitchDefinition): PitchReview {
  const words = countWords(text);
  const { rehearsal, maxWords } = definition;
  const length = words < rehearsal.minWords ? 'short' : words > maxWords ? 'long' : 'ok';
  const normalized = ` ${normalizeText(text, lang)} `;
  const has = (cues: string[], within = normalized): boolean =>
    cues.some((cue) => within.includes(` ${cue} `));
  const parts = Object.fromEntries(
    PITCH_PARTS.map((part) => [part, has(rehearsal.cues[part][lang])]),
  ) as Record<PitchPart, boolean>;
  const sentences = text.split(/(?<=[.!?…])\s+/u).filter((s) => countWords(s) > 0);
  const last = ` ${normalizeText(sentences.at(-1) ?? '', lang)} `;
  const askCues = rehearsal.cues.ask[lang];
  const ask = has(askCues, last) ? 'ends' : has(askCues) ? 'early' : 'none';
  const score =
    (length === 'ok' ? 1 : 0) +
    PITCH_PARTS.filter((part) => parts[part]).length +
    (ask === 'ends' ? 1 : 0);
  return {
    words,
    seconds: Math.round(words / rehearsal.wordsPerSecond),
    length,
    parts,
    ask,
    score,
  };
}
