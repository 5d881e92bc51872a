import type { Token } from './tokenize';

// Local aliases: V8 inside jest's vm sandbox is very slow on global `Math` lookups in hot loops.
const { log } = Math;

/**
 * Which features the classifier looks at, and how much each group weighs.
 * Stored with the model so that training and classification always agree.
 */
export interface FeatureOptions {
  /** Weight of word stems ("w:kenn"). */
  unigrams: number;
  /** Weight of pairs of neighbouring stems ("b:kenn_niemand"). */
  bigrams: number;
  /** Weight of character n-grams inside word boundaries ("c:<nie"), the typo tolerance. */
  charNgrams: number;
  /** Smallest and largest character n-gram. */
  charNgramRange: [number, number];
  /** Weight of stems marked as negated ("n:helf" in "nicht helfen"). */
  negations: number;
}

export const DEFAULT_FEATURE_OPTIONS: FeatureOptions = {
  unigrams: 1,
  bigrams: 0.7,
  charNgrams: 0.6,
  charNgramRange: [3, 5],
  negations: 0.7,
};

/**
 * The sparse bag of features of one tokenised message: feature name → weight,
 * weights sublinear in the count and scaled by group. This is the reference
 * form (used to build the vocabulary); the Vectorizer computes the same
 * weights faster from cached column lists.
 */
export function extractFeatures(tokens: Token[], options: FeatureOptions): Map<string, number> {
  const bag = new Map<string, number>();
  const add = (name: string, weight: number): void => {
    if (weight > 0) bag.set(name, (bag.get(name) ?? 0) + weight);
  };
  forEachWordFeature(tokens, options, add);
  if (options.charNgrams > 0) {
    for (const token of tokens)
      for (const name of charNgramNames(token.word, options)) add(name, options.charNgrams);
  }
  for (const [name, weight] of bag) bag.set(name, sublinear(weight));
  return bag;
}

/** Calls `add` for every feature of a message except its character n-grams. */
export function forEachWordFeature(
  tokens: Token[],
  options: FeatureOptions,
  add: (name: string, weight: number) => void,
): void {
  tokens.forEach((token, i) => {
    add(`w:${token.stem}`, options.unigrams);
    if (token.negated) add(`n:${token.stem}`, options.negations);
    const next = tokens[i + 1];
    if (next) add(`b:${token.stem}_${next.stem}`, options.bigrams);
  });
  add(lengthFeature(tokens.length), options.unigrams);
}

/** The character n-gram features of one word, inside word boundaries ("<ni", "nie", …). */
export function charNgramNames(word: string, options: FeatureOptions): string[] {
  const padded = `<${word}>`;
  const [min, max] = options.charNgramRange;
  const names: string[] = [];
  for (let n = min; n <= max; n++) {
    for (let i = 0; i + n <= padded.length; i++) names.push(`c:${padded.slice(i, i + n)}`);
  }
  return names;
}

/** Repeating a word five times should not make it five times as important. */
export function sublinear(weight: number): number {
  return weight <= 1 ? weight : 1 + log(weight);
}

// Very short answers ("ja", "nö") and long stories behave differently; let the model know.
function lengthFeature(count: number): string {
  if (count <= 2) return 'len:short';
  if (count <= 8) return 'len:medium';
  return count <= 25 ? 'len:long' : 'len:story';
}

/** The longest part of a message the classifier reads; a pasted CV says nothing more after this. */
export const MAX_CLASSIFIED_CHARS = 2_000;
