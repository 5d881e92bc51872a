import type { z } from 'zod';
import type { pitchFileSchema } from '../content/schemas';
import { LANGS, type Lang } from '../nlu/intent-ids';
import { normalizeText } from '../nlu/normalize';
import type { PitchStyle } from './state';

/** The three parts of a pitch, in the order they are asked. */
export const PITCH_PARTS = ['who', 'strength', 'looking'] as const;
export type PitchPart = (typeof PITCH_PARTS)[number];

/** The options under a shown pitch. */
export const PITCH_OPTIONS = ['keep', 'shorter', 'casual', 'formal', 'edit'] as const;
export type PitchOption = (typeof PITCH_OPTIONS)[number];

/** One register's sentence templates. */
export type PitchTemplates = Record<PitchPart | 'ask' | 'ask_short', string>;

/** How a pitch is composed and a rehearsed one is read, from responses/pitch.yml. */
export interface PitchDefinition {
  maxWords: number;
  shortPartWords: number;
  maxAnswerChars: number;
  defaultRegister: Record<string, PitchStyle['register']>;
  templates: Record<Lang, Record<PitchStyle['register'], PitchTemplates>>;
  /** Word lists below are normalised like user text (normalize.ts). */
  firstPerson: Record<Lang, string[]>;
  exampleMarkers: Record<Lang, string[]>;
  lowerCaseWords: Record<Lang, string[]>;
  vague: Record<Lang, string[]>;
  minWords: Record<PitchPart, number>;
  options: Record<PitchOption, Record<Lang, string[]>>;
  rehearsal: {
    scenes: string[];
    tries: number;
    wordsPerSecond: number;
    minWords: number;
    cues: Record<PitchPart | 'ask', Record<Lang, string[]>>;
  };
}

/** The shape of responses/pitch.yml as written (its schema is in src/content/schemas.ts). */
export type RawPitchDefinition = z.output<typeof pitchFileSchema>;

/** Reads responses/pitch.yml: word lists normalised once, so they meet user text as typed. */
export function readPitchDefinition(raw: RawPitchDefinition): PitchDefinition {
  const words = (source: Record<Lang, string[]> | undefined): Record<Lang, string[]> =>
    Object.fromEntries(
      LANGS.map((lang) => [
        lang,
        (source?.[lang] ?? []).map((w) => normalizeText(String(w), lang)),
      ]),
    ) as Record<Lang, string[]>;
  const each = <K extends string>(
    source: Record<K, Record<Lang, string[]>>,
  ): Record<K, Record<Lang, string[]>> =>
    Object.fromEntries(
      Object.entries<Record<Lang, string[]>>(source).map(([k, v]) => [k, words(v)]),
    ) as Record<K, Record<Lang, string[]>>;
  return {
    maxWords: raw.max_words,
    shortPartWords: raw.short_part_words,
    maxAnswerChars: raw.max_answer_chars,
    defaultRegister: raw.default_register,
    templates: raw.templates,
    firstPerson: words(raw.first_person),
    exampleMarkers: words(raw.example_markers),
    lowerCaseWords: words(raw.lower_case_words),
    vague: words(raw.vague),
    minWords: raw.min_words,
    options: each(raw.options),
    rehearsal: {
      scenes: raw.rehearsal.scenes,
      tries: raw.rehearsal.tries,
      wordsPerSecond: raw.rehearsal.words_per_second,
      minWords: raw.rehearsal.min_words,
      cues: each(raw.rehearsal.cues),
    },
  };
}
