// Types for the few deep modules of `natural` that Türöffner loads directly
// (see src/nlu/natural-parts.ts for why not the package root).

declare module 'natural/lib/natural/stemmers/porter_stemmer_de' {
  const stemmer: {
    stem(token: string): string;
    tokenizeAndStem(text: string, keepStops?: boolean): string[];
  };
  export = stemmer;
}

declare module 'natural/lib/natural/stemmers/porter_stemmer' {
  const stemmer: {
    stem(token: string): string;
    tokenizeAndStem(text: string, keepStops?: boolean): string[];
  };
  export = stemmer;
}

declare module 'natural/lib/natural/distance/levenshtein_distance' {
  const distance: { DamerauLevenshteinDistance(a: string, b: string, options?: object): number };
  export = distance;
}

declare module 'natural/lib/natural/classifiers/bayes_classifier' {
  import type { Tokenizer } from 'natural-parts-shared';
  class BayesClassifier {
    constructor(stemmer?: Tokenizer, smoothing?: number);
    addDocument(text: string, label: string): void;
    train(): void;
    getClassifications(text: string): { label: string; value: number }[];
  }
  export = BayesClassifier;
}

declare module 'natural/lib/natural/classifiers/logistic_regression_classifier' {
  import type { Tokenizer } from 'natural-parts-shared';
  class LogisticRegressionClassifier {
    constructor(stemmer?: Tokenizer);
    addDocument(text: string, label: string): void;
    train(): void;
    getClassifications(text: string): { label: string; value: number }[];
  }
  export = LogisticRegressionClassifier;
}

declare module 'natural-parts-shared' {
  export interface Tokenizer {
    tokenizeAndStem(text: string, keepStops?: boolean): string[];
  }
}
