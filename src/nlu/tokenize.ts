import type { Lang } from './intent-ids';
import { stemmerFor } from './natural-parts';

/** One word of a message, as the classifier sees it. */
export interface Token {
  /** The folded surface form ("niemanden"). */
  word: string;
  /** Natural's Porter stem of the word ("niemand"). */
  stem: string;
  /** Whether a negation ("nicht", "kein", "never" …) stands shortly before it. */
  negated: boolean;
}

/**
 * Splits normalised text into stemmed tokens and marks negated ones.
 *
 * Unlike natural's `tokenizeAndStem`, nothing is dropped as a stop word: here
 * "niemand", "kein", "nicht", "ja", "nein" and "anderen" carry the objection.
 */
export function tokenize(normalized: string, lang: Lang): Token[] {
  const tokens: Token[] = [];
  let negationLeft = 0;
  for (const word of normalized.split(' ')) {
    if (!word) continue;
    tokens.push({ word, stem: stem(word, lang), negated: negationLeft > 0 });
    negationLeft = NEGATIONS[lang].has(word) ? NEGATION_SCOPE : Math.max(0, negationLeft - 1);
  }
  return tokens;
}

/** How many words after a negation count as negated. */
const NEGATION_SCOPE = 3;

const NEGATIONS: Record<Lang, ReadonlySet<string>> = {
  de: new Set(
    'nicht nich net nid nod ned nie niemals niemand niemanden niemandem niemer nimmer kein keine keinen keinem keiner keines koan nichts nix nuet nirgends nirgendwo weder ohne'.split(
      ' ',
    ),
  ),
  en: new Set(
    'not no never nobody noone none nothing nowhere neither nor cant cannot dont doesnt didnt wont wouldnt couldnt shouldnt isnt arent wasnt werent havent hasnt hadnt aint without'.split(
      ' ',
    ),
  ),
};

// Stemming is the slowest step; chats repeat the same few thousand words.
const stemCache: Record<Lang, Map<string, string>> = { de: new Map(), en: new Map() };
const STEM_CACHE_LIMIT = 50_000;

function stem(word: string, lang: Lang): string {
  const cache = stemCache[lang];
  let stemmed = cache.get(word);
  if (stemmed === undefined) {
    stemmed = /^\p{L}+$/u.test(word) ? stemmerFor(lang).stem(word) : word;
    if (cache.size >= STEM_CACHE_LIMIT) cache.clear();
    cache.set(word, stemmed);
  }
  return stemmed;
}
