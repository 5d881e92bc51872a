import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { VOICES, type Content, type Voice } from '../../engine/content';
import { OBJECTION_INTENTS, type ObjectionIntent } from '../../nlu/intent-ids';
import { PROJECT_ROOT } from '../../nlu/model-spec';

/** The texts of the coach tools (responses/slack-coach.yml): what /einwand and the App Home say. */
export interface CoachTexts {
  /** Per objection, the response keys of the reframing questions to suggest, in order. */
  questions: Record<ObjectionIntent, string[]>;
  /** From which confidence on the analysis calls itself sure (high) or fairly sure (medium). */
  levels: { high: number; medium: number };
  /** Per voice, one text per key. */
  texts: Record<Voice, Record<string, string>>;
}

/** The file the coach texts live in. */
export const COACH_TEXTS_FILE = path.join(PROJECT_ROOT, 'responses', 'slack-coach.yml');

/** Loads responses/slack-coach.yml. */
export function loadCoachTexts(file = COACH_TEXTS_FILE): CoachTexts {
  const raw = parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  const texts = Object.fromEntries(
    VOICES.map((voice) => [voice, stringsOf(raw[voice])]),
  ) as CoachTexts['texts'];
  const levels = (raw.confidence_levels ?? {}) as Partial<CoachTexts['levels']>;
  return {
    questions: (raw.questions ?? {}) as CoachTexts['questions'],
    levels: { high: Number(levels.high ?? 0.8), medium: Number(levels.medium ?? 0.5) },
    texts,
  };
}

/**
 * What is wrong with the coach texts, each problem naming the file and key:
 * a voice without a key another voice has, an objection with fewer than two or
 * more than three questions, or a question key the voices of responses/ lack.
 */
export function validateCoachTexts(coach: CoachTexts, content: Content): string[] {
  const problems: string[] = [];
  const allKeys = new Set(VOICES.flatMap((voice) => Object.keys(coach.texts[voice])));
  for (const voice of VOICES) {
    for (const key of allKeys) {
      if (!coach.texts[voice][key])
        problems.push(`responses/slack-coach.yml: ${voice} lacks "${key}"`);
    }
  }
  for (const objection of OBJECTION_INTENTS) {
    const keys = coach.questions[objection] ?? [];
    if (keys.length < 2 || keys.length > 3)
      problems.push(`responses/slack-coach.yml: questions of ${objection} must be 2 or 3 keys`);
    for (const voice of VOICES) {
      for (const key of keys) {
        const text = content.texts[voice][key]?.[0]?.text;
        if (!text)
          problems.push(`responses/${voice}.yml: missing "${key}" (a question of /einwand)`);
        else if (/\{\w+\}/.test(text))
          problems.push(
            `responses/${voice}.yml: "${key}" has a placeholder; /einwand cannot fill it`,
          );
      }
    }
  }
  return problems;
}

/** One coach text in a voice with its placeholders filled; throws on a key the file lacks. */
export function coachText(
  coach: CoachTexts,
  voice: Voice,
  key: string,
  vars: Record<string, string | number> = {},
): string {
  const text = coach.texts[voice][key];
  if (text === undefined) throw new Error(`responses/slack-coach.yml: ${voice} has no "${key}"`);
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in vars ? String(vars[name]) : whole,
  );
}

// === Helpers

function stringsOf(section: unknown): Record<string, string> {
  const entries = Object.entries((section ?? {}) as Record<string, unknown>);
  return Object.fromEntries(entries.map(([key, value]) => [key, String(value).trimEnd()]));
}
