/**
 * The parts of `natural` Türöffner uses, loaded module by module.
 *
 * `require('natural')` loads every module of the package (about one second)
 * and, through its storage backends, dotenv. Loading only the stemmers and the
 * string distance keeps the start of `tueroeffner classify` well under a second.
 */
import PorterStemmerDe from 'natural/lib/natural/stemmers/porter_stemmer_de';
import PorterStemmerEn from 'natural/lib/natural/stemmers/porter_stemmer';
import distances from 'natural/lib/natural/distance/levenshtein_distance';
import BayesClassifier from 'natural/lib/natural/classifiers/bayes_classifier';
import LogisticRegressionClassifier from 'natural/lib/natural/classifiers/logistic_regression_classifier';
import type { Lang } from './intent-ids';

/** Natural's two built-in classifiers, measured against ours in `tueroeffner eval --compare`. */
export { BayesClassifier, LogisticRegressionClassifier };

/** Natural's Porter stemmer for a language. */
export function stemmerFor(lang: Lang): typeof PorterStemmerDe {
  return lang === 'de' ? PorterStemmerDe : PorterStemmerEn;
}

/** Natural's Damerau-Levenshtein distance: typos as insertions, deletions, swaps. */
export function editDistance(a: string, b: string): number {
  return distances.DamerauLevenshteinDistance(a, b);
}
