import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { LANGS } from './intent-ids';
import { PROJECT_ROOT } from './model-spec';
import { editDistance } from './natural-parts';

/** How sure the safety layer is that a message speaks of a crisis. */
export type CrisisLevel = 'clear' | 'possible' | 'none';

/** The patterns of both languages, compiled: one alternation per tier is several times faster than many tests. */
interface CrisisPatterns {
  keywords: string[];
  clear: RegExp;
  possible: RegExp;
}

/**
 * The safety layer: finds statements of suicidal thoughts, self-harm and acute
 * despair in normalised text with patterns a coach can read and extend
 * (`intents/crisis-patterns.yml`). It runs before the classifier, and its
 * verdict cannot be outvoted by it.
 */
export class CrisisDetector {
  // Words repeat across messages; the fuzzy keyword check is the slow part, so remember its verdicts.
  private readonly keywordVerdicts = new Map<string, boolean>();

  constructor(private readonly patterns: CrisisPatterns) {}

  /** Loads and compiles the patterns file; a broken pattern stops the start with its place named. */
  static load(file = path.join(PROJECT_ROOT, 'intents', 'crisis-patterns.yml')): CrisisDetector {
    const data = parse(fs.readFileSync(file, 'utf8')) as Record<
      string,
      Partial<Record<keyof CrisisPatterns, string[]>>
    >;
    const sources = (tier: keyof CrisisPatterns): string[] =>
      LANGS.flatMap((lang) => data[lang]?.[tier] ?? []);
    const compile = (tier: 'clear' | 'possible'): RegExp => {
      for (const source of sources(tier)) {
        try {
          new RegExp(source);
        } catch (error) {
          throw new Error(
            `${file}: ${tier}: invalid pattern ${source}: ${(error as Error).message}`,
          );
        }
      }
      // A tier without patterns must match nothing, not everything.
      return new RegExp(
        sources(tier)
          .map((source) => `(?:${source})`)
          .join('|') || '(?!)',
      );
    };
    return new CrisisDetector({
      keywords: sources('keywords'),
      clear: compile('clear'),
      possible: compile('possible'),
    });
  }

  /**
   * The crisis level of a normalised message. Patterns of both languages are
   * checked, because a person in crisis may switch language mid-conversation.
   */
  detect(normalized: string): CrisisLevel {
    const { clear, possible, keywords } = this.patterns;
    if (clear.test(normalized)) return 'clear';
    if (normalized.split(' ').some((word) => this.isKeyword(word, keywords))) return 'clear';
    return possible.test(normalized) ? 'possible' : 'none';
  }

  private isKeyword(word: string, keywords: string[]): boolean {
    let verdict = this.keywordVerdicts.get(word);
    if (verdict === undefined) {
      verdict = isKeyword(word, keywords);
      if (this.keywordVerdicts.size >= VERDICT_CACHE_LIMIT) this.keywordVerdicts.clear();
      this.keywordVerdicts.set(word, verdict);
    }
    return verdict;
  }
}

const VERDICT_CACHE_LIMIT = 50_000;

// A keyword matches itself, a longer word that starts with it, or (from six letters on) one typo
// away; typos in the first letter are rare, and checking it first keeps this fast.
function isKeyword(word: string, keywords: string[]): boolean {
  return keywords.some(
    (keyword) =>
      word.startsWith(keyword) ||
      (keyword.length >= 6 &&
        word[0] === keyword[0] &&
        Math.abs(word.length - keyword.length) <= 1 &&
        editDistance(word, keyword) <= 1),
  );
}
