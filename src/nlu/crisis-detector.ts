import path from 'node:path';
import { parseDataFile, valueOrThrow } from '../content/data-file';
import { crisisPatternsSchema } from '../content/schemas';
import { LANGS } from './intent-ids';
import { PROJECT_ROOT } from './model-spec';
import { editDistance } from './natural-parts';

/**
 * How sure the safety layer's patterns are that a message speaks of a crisis:
 * the writer's own (clear or possible), someone else's (third party), or none.
 */
export type CrisisLevel = 'clear' | 'third_party' | 'possible' | 'none';

/** The tiers of intents/crisis-patterns.yml that are patterns (applied in this order). */
type PatternTier = 'not_crisis' | 'negated' | 'third_party' | 'clear' | 'possible';

/** The patterns of both languages, compiled: one alternation per tier is several times faster than many tests. */
type CrisisPatterns = Record<PatternTier, RegExp> & { keywords: string[] };

/**
 * The safety layer: finds statements of suicidal thoughts, self-harm and acute
 * despair in normalised text with patterns a coach can read and extend
 * (`intents/crisis-patterns.yml`). It runs before the classifier, and its
 * verdict cannot be outvoted by it.
 *
 * First the spans that are no crisis statement are cut out (idioms such as
 * "das bringt mich noch um", negations such as "ich würde mir nie was antun"),
 * so that the rest of the same message is still read: "ich würde mir nie was
 * antun, aber ich will nicht mehr leben" stays a crisis. Worry about someone
 * else ("mein Bruder redet davon, sich was anzutun") is its own level: the
 * writer needs resources for helping another person.
 */
export class CrisisDetector {
  // Words repeat across messages; the fuzzy keyword check is the slow part, so remember its verdicts.
  private readonly keywordVerdicts = new Map<string, boolean>();

  constructor(private readonly patterns: CrisisPatterns) {}

  /** Loads and compiles the patterns file; a broken pattern stops the start with its place named. */
  static load(file = path.join(PROJECT_ROOT, 'intents', 'crisis-patterns.yml')): CrisisDetector {
    const data = valueOrThrow(parseDataFile(file, crisisPatternsSchema));
    const sources = (tier: PatternTier | 'keywords'): string[] =>
      LANGS.flatMap((lang) => data[lang][tier] ?? []);
    const compile = (tier: PatternTier): RegExp => {
      // A tier without patterns must match nothing, not everything.
      const alternation = sources(tier)
        .map((source) => `(?:${source})`)
        .join('|');
      // The tiers whose spans are cut out need every match.
      const cut = tier === 'not_crisis' || tier === 'negated' || tier === 'third_party';
      return new RegExp(alternation || '(?!)', cut ? 'g' : '');
    };
    return new CrisisDetector({
      not_crisis: compile('not_crisis'),
      negated: compile('negated'),
      third_party: compile('third_party'),
      clear: compile('clear'),
      possible: compile('possible'),
      keywords: sources('keywords'),
    });
  }

  /**
   * The crisis level of a normalised message. Patterns of both languages are
   * checked, because a person in crisis may switch language mid-conversation.
   */
  detect(normalized: string): CrisisLevel {
    const { clear, possible, keywords } = this.patterns;
    const text = this.withoutNonCrisis(normalized);
    // What is said of someone else is cut out too: the writer's own crisis, if any, comes first.
    const own = text.replace(this.patterns.third_party, ' | ');
    // A crisis word under a negation ("ich denke nicht daran, mich umzubringen") softens a clear
    // statement to the gentle question: asking costs one kind question, missing costs more.
    const unnegated = own.replace(this.patterns.negated, ' | ');
    const isClear = (t: string): boolean =>
      clear.test(t) || t.split(' ').some((word) => this.isKeyword(word, keywords));
    if (isClear(unnegated)) return 'clear';
    if (isClear(own)) return 'possible';
    if (own !== text) return 'third_party';
    return possible.test(unnegated) ? 'possible' : 'none';
  }

  /**
   * The text without the spans that are no crisis statement (idioms, negations): what the
   * classifier's crisis probability is judged on too, so one list serves both layers.
   */
  withoutNonCrisis(normalized: string): string {
    // A cut span becomes a boundary ("|"), so the words around it never join into a new match.
    return normalized.replace(this.patterns.not_crisis, ' | ');
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
