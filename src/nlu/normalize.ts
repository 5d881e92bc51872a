import type { Lang } from './intent-ids';

/**
 * Folds a user's text into the one spelling the classifier learns from.
 *
 * Users type "Männer", "Maenner" and "Manner" for the same word, shout with
 * "neeein", and decorate with emoji. All of these meet here: lower case,
 * umlauts and ß folded (in German also the "ae"/"oe"/"ue" spellings), runs of
 * three or more equal letters collapsed, apostrophes dropped ("don't" meets "dont"), and every character that is neither a
 * letter, a digit, an emoji nor a question mark turned into a space. Emoji stay
 * as their own tokens because 👍 or 🙏 carry meaning in a chat.
 */
export function normalizeText(text: string, lang: Lang): string {
  let folded = text.normalize('NFKC').toLowerCase();
  if (lang === 'de') folded = folded.replace(GERMAN_DIGRAPHS, (pair) => pair[0] ?? '');
  folded = folded
    .replace(/ß/g, 'ss')
    .replace(/['’`´]/g, '')
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .replace(/(\p{L})\1{2,}/gu, '$1')
    .replace(/(\p{Extended_Pictographic})/gu, ' $1 ')
    .replace(/\?+/g, ' ? ')
    .replace(/[^\p{L}\p{N}\p{Extended_Pictographic}?]+/gu, ' ');
  return folded.trim().replace(/ {2,}/g, ' ');
}

// "ae", "oe", "ue" typed for ä, ö, ü; folded to the base vowel like the umlaut itself.
// "eue" (neue, Steuer) keeps its "ue" so that "neue" does not become "neu" twice over.
const GERMAN_DIGRAPHS = /(?<!e)(ae|oe|ue)/g;
