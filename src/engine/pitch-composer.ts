import type { Lang } from '../nlu/intent-ids';
import { normalizeText } from '../nlu/normalize';
import { PITCH_PARTS, type PitchDefinition, type PitchPart } from './pitch-definition';
import type { PitchStyle } from './state';

/**
 * Composes an elevator pitch from the user's three answers with the sentence
 * templates of responses/pitch.yml: one sentence per part, in the first person,
 * closed by the small ask the interview's method implies, at most `max_words`
 * words. It rephrases nothing: the user's words stay theirs, the templates only
 * put them into sentences.
 */
export class PitchComposer {
  constructor(private readonly definition: PitchDefinition) {}

  /** The pitch of three answers (who, strength, looking) in a language and style. */
  compose(answers: readonly string[], lang: Lang, style: PitchStyle): string {
    const templates = this.definition.templates[lang][style.register];
    const parts = PITCH_PARTS.map((part, i) => {
      const answer = this.clean(answers[i] ?? '', lang);
      return style.short ? this.shortened(answer, lang) : answer;
    });
    const ask = style.short ? templates.ask_short : templates.ask;
    // The words the templates add around the answers count toward the limit too.
    const frame = PITCH_PARTS.reduce(
      (n, part, i) => n + (parts[i] ? countWords(templates[part].replace(`{${part}}`, '')) : 0),
      countWords(ask),
    );
    const fitted = this.fitted(parts, frame);
    // A part the user could not answer stays out; the pitch is still whole with the others.
    const sentences = PITCH_PARTS.flatMap((part, i) =>
      fitted[i] ? [this.sentence(part, fitted[i], lang, templates[part])] : [],
    );
    return [...sentences, ask].join(' ');
  }

  /** An answer as it can stand in a sentence: one line, no closing punctuation, not too long. */
  clean(answer: string, lang: Lang): string {
    const text = answer
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/^["'„“”‚‘»«]+|["'„“”‚‘»«]+$/g, '');
    const capped =
      text.length > this.definition.maxAnswerChars
        ? cutAtWord(text, this.definition.maxAnswerChars)
        : text;
    return this.oneSentence(capped.replace(/[\s.!?…,;:–-]+$/u, ''), lang);
  }

  /** Whether an answer opens in the first person ("Ich arbeite …", "I'm …") and so is a sentence of its own. */
  opensInFirstPerson(answer: string, lang: Lang): boolean {
    const first = normalizeText(answer.split(' ')[0] ?? '', lang);
    return this.definition.firstPerson[lang].includes(first);
  }

  // === Helpers

  private sentence(part: PitchPart, answer: string, lang: Lang, template: string): string {
    if (this.opensInFirstPerson(answer, lang)) return `${capitalised(answer)}.`;
    // "Ich suche {looking}." – the template carries the sentence; the answer fills its gap.
    // English continues a sentence in lower case ("What I'm good at: keeping …"); German only
    // where the word is no noun, which the list of lower-case words knows.
    const lower =
      lang === 'en' ? !/^(I\b|I'|[A-Z]{2,})/.test(answer) : this.startsLowerCase(answer, lang);
    const fragment = lower ? lowerFirst(answer) : answer;
    return template.replace(`{${part}}`, fragment);
  }

  // Several sentences in one answer become one, joined by dashes, so the pitch keeps one sentence per part.
  private oneSentence(text: string, lang: Lang): string {
    const [first = '', ...rest] = sentencesOf(text);
    return rest.reduce((joined, next) => {
      const continued = this.startsLowerCase(next, lang) ? lowerFirst(next) : next;
      return `${joined.replace(/[.!?…]+$/u, '')} – ${continued}`;
    }, first);
  }

  // "kürzer": the part before its example ("…, zum Beispiel …"), and at most a few words.
  private shortened(answer: string, lang: Lang): string {
    const words = answer.split(' ');
    const normalized = words.map((w) => normalizeText(w, lang));
    const markers = this.definition.exampleMarkers[lang].map((m) => m.split(' '));
    const at = normalized.findIndex(
      (_, i) => i > 0 && markers.some((m) => m.every((w, j) => normalized[i + j] === w)),
    );
    const before = (at > 0 ? words.slice(0, at) : words).join(' ');
    // The first clause is a whole thought; a cut in the middle of one would not be.
    const clause = before.split(/\s*[,;–]\s*/u)[0] ?? before;
    const capped = clause.split(' ').slice(0, this.definition.shortPartWords);
    while (capped.length > 1 && this.isLowerCaseWord(capped.at(-1) ?? '', lang)) capped.pop();
    return capped.join(' ').replace(/[\s,;:–-]+$/u, '');
  }

  private startsLowerCase(text: string, lang: Lang): boolean {
    return this.isLowerCaseWord(text.split(' ')[0] ?? '', lang);
  }

  // "ein", "bei", "the": words written in lower case inside a sentence (never "I").
  private isLowerCaseWord(word: string, lang: Lang): boolean {
    return word !== 'I' && this.definition.lowerCaseWords[lang].includes(normalizeText(word, lang));
  }

  // Within the word limit: the longest part loses words from its end (marked with "…") until it fits.
  private fitted(parts: string[], frameWords: number): string[] {
    const fitted = [...parts];
    for (let round = 0; round < 6; round++) {
      const total = frameWords + fitted.reduce((n, p) => n + countWords(p), 0);
      const excess = total - this.definition.maxWords;
      if (excess <= 0) break;
      const longest = fitted.reduce(
        (best, p, i) => (countWords(p) > countWords(fitted[best] ?? '') ? i : best),
        0,
      );
      const words = (fitted[longest] ?? '').split(' ');
      const keep = Math.max(3, words.length - excess - 1);
      fitted[longest] = `${words
        .slice(0, keep)
        .join(' ')
        .replace(/[\s,;:–-]+$/u, '')} …`;
    }
    return fitted;
  }
}

/** Words as a listener hears them: dashes and ellipses are no words. */
export function countWords(text: string): number {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

// Sentences end at ".", "!", "?" or "…" before a capital – but not after an abbreviation ("z. B.", "ca.", "e.g.").
function sentencesOf(text: string): string[] {
  const sentences: string[] = [];
  let current: string[] = [];
  const words = text.split(' ');
  words.forEach((word, i) => {
    current.push(word);
    const next = words[i + 1];
    const ends = /[.!?…]$/u.test(word) && next !== undefined && /^\p{Lu}/u.test(next);
    const abbreviation = ABBREVIATION.test(word) || /\p{L}\.\p{L}/u.test(word);
    if (ends && !abbreviation) {
      sentences.push(current.join(' '));
      current = [];
    }
  });
  if (current.length) sentences.push(current.join(' '));
  return sentences;
}

const ABBREVIATION = /^(?:\p{L}{1,2}|bzw|usw|etc|inkl|ggf|evtl|vgl|Dr|Nr|Mr|Mrs|Ms)\.$/iu;

function cutAtWord(text: string, chars: number): string {
  const cut = text.slice(0, chars);
  const space = cut.lastIndexOf(' ');
  return space > chars / 2 ? cut.slice(0, space) : cut;
}

function capitalised(text: string): string {
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLocaleLowerCase() + text.slice(1);
}
