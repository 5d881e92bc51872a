import type { Lang } from '../nlu/intent-ids';
import { normalizeText } from '../nlu/normalize';
import type { Lexicon, LastJobPath } from './content';
import type { CommandName } from './types';

/**
 * Reads the small, rule-like things in a user's answer that the classifier is
 * not for: commands typed as words, numbers, "I don't know", which language a
 * message is in, how a last job came about. All word lists live in
 * responses/lexicon.yml.
 */
export class AnswerReader {
  // One turn asks several questions of the same text; normalise it once.
  private last = { text: '', lang: '', normalized: '' };

  constructor(private readonly lexicon: Lexicon) {}

  private normalize(text: string, lang: Lang): string {
    if (this.last.text !== text || this.last.lang !== lang) {
      this.last = { text, lang, normalized: normalizeText(text, lang) };
    }
    return this.last.normalized;
  }

  /** The command a whole message spells ("/hilfe", "vergessen", "english"), if any. */
  command(
    text: string,
  ): CommandName | 'lang_de' | 'lang_en' | 'voice_du' | 'voice_sie' | undefined {
    const words = this.normalize(text.replace(/^\//, ''), 'de');
    if (!words || words.split(' ').length > 4) return undefined;
    for (const [name, list] of Object.entries(this.lexicon.commands)) {
      if (list.includes(words)) return name as CommandName;
    }
    return undefined;
  }

  /** A number in an answer: digits ("ca. 15", "10-20" → 15) or number words ("ein paar" → 3). */
  number(text: string, lang: Lang): number | undefined {
    const digits = text.match(/\d+/g)?.map(Number) ?? [];
    if (digits.length)
      return Math.round(digits.slice(0, 2).reduce((a, b) => a + b, 0) / Math.min(2, digits.length));
    const words = this.normalize(text, lang).split(' ');
    const found = words
      .map((word) => this.lexicon.numbers[lang][word])
      .filter((n): n is number => n !== undefined);
    return found.length ? Math.max(...found) : undefined;
  }

  /** Whether an answer says "I don't know". */
  dontKnow(text: string, lang: Lang): boolean {
    return this.matches(text, lang, this.lexicon.dontKnow);
  }

  /** Whether a short answer starts with a clear yes ("Ja, machen wir weiter"). */
  yes(text: string, lang: Lang): boolean {
    return this.matches(text, lang, this.lexicon.yes);
  }

  /** Whether a short answer starts with a clear no ("Nein, lieber nicht"). */
  no(text: string, lang: Lang): boolean {
    return this.matches(text, lang, this.lexicon.no);
  }

  /** Whether an answer of any length opens with a no ("Nein, um Gottes willen, ich meinte mein Knie"). */
  opensWithNo(text: string, lang: Lang): boolean {
    const normalized = this.normalize(text, lang);
    return this.lexicon.no[lang].some(
      (phrase) => normalized === phrase || normalized.startsWith(`${phrase} `),
    );
  }

  /** Whether an answer contains one of the phrases as whole words, anywhere. */
  mentions(text: string, lang: Lang, phrases: Record<Lang, string[]>): boolean {
    const normalized = ` ${this.normalize(text, lang)} `;
    return phrases[lang].some((phrase) => normalized.includes(` ${phrase} `));
  }

  /** Whether an answer asks to skip (one circle of the count). */
  skip(text: string, lang: Lang): boolean {
    return this.matches(text, lang, this.lexicon.skip);
  }

  /** Whether an answer asks to stop counting. */
  done(text: string, lang: Lang): boolean {
    return this.matches(text, lang, this.lexicon.done);
  }

  /**
   * The language a message is written in, when it clearly is: at least two
   * telling words (one when `lenient`) and three times as many of one language
   * as of the other.
   */
  language(text: string, lenient = false): Lang | undefined {
    const words = this.normalize(text, 'en').split(' ');
    const count = (lang: Lang): number =>
      words.filter((w) => this.lexicon.languageHints[lang].has(w)).length;
    const [de, en] = [count('de'), count('en')];
    // Lenient (no language known yet): one telling word is enough, as long as the other language has none.
    const least = lenient ? 1 : 2;
    if (de >= least && de >= 3 * en) return 'de';
    if (en >= least && en >= 3 * de) return 'en';
    return undefined;
  }

  /** How a last job came about, from the answer to "Wie ist Ihr letzter Job zustande gekommen?". */
  lastJobPath(text: string, lang: Lang): LastJobPath | undefined {
    const normalized = ` ${this.normalize(text, lang)} `;
    return this.lexicon.lastJobPaths.find((p) =>
      p.keywords[lang].some((k) => normalized.includes(` ${k}`)),
    );
  }

  /** The path with an id, for reuse of a stored answer. */
  pathById(id: string | undefined): LastJobPath | undefined {
    return this.lexicon.lastJobPaths.find((p) => p.id === id);
  }

  // A short answer that is one of the phrases, or starts with one ("keine ahnung ehrlich gesagt").
  private matches(text: string, lang: Lang, lists: Record<Lang, string[]>): boolean {
    const normalized = this.normalize(text, lang);
    if (!normalized || normalized.split(' ').length > 6) return false;
    return lists[lang].some(
      (phrase) => normalized === phrase || normalized.startsWith(`${phrase} `),
    );
  }
}
