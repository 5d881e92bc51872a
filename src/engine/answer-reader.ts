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
    if (!words || words.split(' ').length > MAX_COMMAND_WORDS) return undefined;
    for (const [name, list] of Object.entries(this.lexicon.commands)) {
      if (list.includes(words)) return name as CommandName;
    }
    return undefined;
  }

  /**
   * A number in an answer: digits ("ca. 15"), a range as its middle ("10-20" → 15), several
   * counts as their sum ("2 Tanten und 3 Cousins" → 5), or number words ("ein paar" → 3).
   */
  number(text: string, lang: Lang): number | undefined {
    const range = text.match(/(\d+)\s*(?:-|–|bis|to|oder|or)\s*(\d+)/);
    if (range) return Math.round((Number(range[1]) + Number(range[2])) / 2);
    const digits = text.match(/\d+/g)?.map(Number) ?? [];
    if (digits.length) return digits.reduce((a, b) => a + b, 0);
    const words = this.normalize(text, lang).split(' ');
    const valueOf = (word: string | undefined) =>
      word === undefined ? undefined : this.lexicon.numbers[lang][word];
    // "zehn bis zwanzig" is a range, its middle.
    const to = words.findIndex((w, i) => RANGE_WORDS.has(w) && valueOf(words[i - 1]) !== undefined);
    const [low, high] = [valueOf(words[to - 1]), valueOf(words[to + 1])];
    if (to > 0 && low !== undefined && high !== undefined) return Math.round((low + high) / 2);
    const found = words.map(valueOf).filter((n): n is number => n !== undefined);
    if (!found.length) return undefined;
    // "zwei Tanten und drei Cousins" adds up; "ein paar" is one amount, the larger word.
    const counts = found.filter((n) => n > 1);
    return counts.length > 1 ? counts.reduce((a, b) => a + b, 0) : Math.max(...found);
  }

  /**
   * The burden a long message tells, as the facts it names ("acht Monate, fünfzig Bewerbungen"),
   * for saying it back; undefined when it names none.
   */
  burden(text: string, lang: Lang): string | undefined {
    // Said back as a list, the dative of "seit acht Monaten" becomes "acht Monate".
    const facts = [...text.matchAll(BURDEN[lang])].map((m) =>
      m[0].trim().replace(/(Monat|Jahr)en$/i, '$1e'),
    );
    return facts.length ? facts.slice(0, 3).join(', ') : undefined;
  }

  /** The circumstances an answer mentions that rule suggestions out (lexicon "constraints"). */
  constraints(text: string, lang: Lang): string[] {
    return Object.entries(this.lexicon.constraints)
      .filter(([, phrases]) => this.mentions(text, lang, phrases))
      .map(([id]) => id);
  }

  /** A contact the answer names: the role ("Onkel") and where or what ("bei Bosch", "im Chor"), never a name. */
  contact(text: string, lang: Lang): { role: string; place?: string } | undefined {
    const normalized = ` ${this.normalize(text, lang)} `;
    const role = this.lexicon.roles
      .flatMap((r) => r.words[lang].map((word) => ({ r, word, at: indexOfWord(normalized, word) })))
      .filter(({ word, at }) => at < Infinity && isOwnContact(normalized, at, word))
      .sort((a, b) => a.at - b.at)[0]?.r;
    if (!role) return undefined;
    const place = text.match(PLACE)?.[0]?.trim();
    return place && place.length <= 40 ? { role: role.id, place } : { role: role.id };
  }

  /** Whether an answer says "I don't know". */
  dontKnow(text: string, lang: Lang): boolean {
    return this.matches(text, lang, this.lexicon.dontKnow);
  }

  /** What follows a leading "I don't know" ("keine Ahnung, vielleicht …"), if it says something more. */
  afterHedge(text: string, lang: Lang): string | undefined {
    const normalized = this.normalize(text, lang);
    const hedge = this.lexicon.dontKnow[lang]
      .filter((phrase) => normalized.startsWith(`${phrase} `))
      .sort((a, b) => b.length - a.length)[0];
    const rest = hedge ? normalized.slice(hedge.length).trim() : '';
    return rest.split(' ').length >= MIN_WORDS_AFTER_HEDGE ? rest : undefined;
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
   * telling words and three times as many of one language as of the other; when
   * `lenient` (the first message), simply more of one language than of the other.
   */
  language(text: string, lenient = false): Lang | undefined {
    const words = this.normalize(text, 'en').split(' ');
    const count = (lang: Lang): number =>
      words.filter((w) => this.lexicon.languageHints[lang].has(w)).length;
    const [de, en] = [count('de'), count('en')];
    // Lenient (no language known yet, the first message): the language with more telling words decides.
    if (lenient) return de > en ? 'de' : en > de ? 'en' : undefined;
    if (de >= 2 && de >= 3 * en) return 'de';
    if (en >= 2 && en >= 3 * de) return 'en';
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

/** A command is a short message: "bitte löscht alles über mich" is one, a story that mentions it is not. */
const MAX_COMMAND_WORDS = 6;

/** Words that join two counts into a range ("zehn bis zwanzig"). */
const RANGE_WORDS = new Set(['bis', 'oder', 'to', 'or']);

/** A hedge followed by this many words has an answer behind it. */
const MIN_WORDS_AFTER_HEDGE = 3;

// "bei Bosch", "im Kirchenvorstand", "aus der Werkstatt", "at Siemens", "on the parish council".
const PLACE =
  /\b(?:bei|beim|im|in der|in einem|in einer|bei der|bei einem|bei einer|an der|auf dem|aus der|aus dem|vom|at|in the|on the|from the|for)\s+[\p{L}&][\p{L}\d&.-]*(?:\s+[\p{Lu}][\p{L}\d&.-]*)?/u;

function indexOfWord(normalized: string, word: string): number {
  const at = normalized.indexOf(` ${word} `);
  return at < 0 ? Infinity : at;
}

// "8 Monate", "fünfzig Bewerbungen", "zwei Jahre", "40 Absagen"; "eight months", "50 applications".
const AMOUNT_DE = String.raw`(?:\d+|ein|eine|einem|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf|zwanzig|dreißig|vierzig|fünfzig|hundert|über \d+|fast \d+)`;
const AMOUNT_EN = String.raw`(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|a hundred|over \d+|almost \d+)`;
const BURDEN: Record<Lang, RegExp> = {
  de: new RegExp(
    String.raw`\b${AMOUNT_DE}\s+(?:Monate?n?|Jahre?n?|Wochen|Bewerbungen|Absagen|Vorstellungsgespräche?n?)\b`,
    'giu',
  ),
  en: new RegExp(
    String.raw`\b${AMOUNT_EN}\s+(?:months?|years?|weeks|applications|rejections|interviews)\b`,
    'giu',
  ),
};

// Words before a role that make it the user's own contact: "mein Onkel", "eine alte Kollegin".
const OWNERS = new Set([
  'mein',
  'meine',
  'meinem',
  'meinen',
  'meiner',
  'unser',
  'unsere',
  'unserem',
  'unseren',
  'unserer',
  'ein',
  'eine',
  'einen',
  'einem',
  'einer',
  'my',
  'our',
  'a',
  'an',
]);

// "der Bruder von einem aus dem Lauftreff" is someone else's brother, not the user's.
function isOwnContact(normalized: string, at: number, word: string): boolean {
  const before = normalized.slice(0, at).trim().split(' ').slice(-3);
  const after = normalized
    .slice(at + word.length + 1)
    .trim()
    .split(' ')[0];
  return before.some((w) => OWNERS.has(w)) && after !== 'von' && after !== 'of';
}
