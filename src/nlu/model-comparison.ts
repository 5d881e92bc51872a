import { stratifiedFolds } from './cross-validation';
import type { Lang } from './intent-ids';
import { evaluate } from './metrics';
import { BayesClassifier, LogisticRegressionClassifier, stemmerFor } from './natural-parts';
import { normalizeText } from './normalize';
import { tokenize } from './tokenize';
import {
  DEFAULT_MODEL_OPTIONS,
  TrainedModel,
  type LabelledText,
  type ModelOptions,
} from './trained-model';

/** A learner to compare: trains on examples, returns a function that names the top label. */
export interface Candidate {
  name: string;
  /** Minutes per fold rather than seconds (natural's logistic regression); `--compare --fast` leaves it out. */
  slow?: boolean;
  train(examples: LabelledText[], lang: Lang): (text: string) => string;
}

/** How one candidate did, top label only (no calibration, no fallback), so learners compare fairly. */
export interface CandidateResult {
  name: string;
  cvAccuracy: number;
  cvMacroF1: number;
  holdoutAccuracy?: number;
  holdoutMacroF1?: number;
  trainMs: number;
}

/**
 * The learners `tueroeffner eval --compare` measures. The winner (by
 * cross-validated macro-F1, confirmed on the held-out file) is what
 * DEFAULT_MODEL_OPTIONS trains.
 */
export const CANDIDATES: Candidate[] = [
  naturalCandidate('natural Bayes, natural stemmer with its stop list', BayesClassifier, (lang) =>
    stemmerFor(lang),
  ),
  naturalCandidate('natural Bayes, natural stemmer, keepStops', BayesClassifier, (lang) => ({
    tokenizeAndStem: (text: string) => stemmerFor(lang).tokenizeAndStem(text, true),
  })),
  naturalCandidate('natural Bayes, Türöffner tokens', BayesClassifier, ourStems),
  {
    ...naturalCandidate(
      'natural LogisticRegression, Türöffner tokens',
      LogisticRegressionClassifier,
      ourStems,
    ),
    slow: true,
  },
  linearCandidate('linear SVM, all features', {
    training: { ...DEFAULT_MODEL_OPTIONS.training, loss: 'hinge' },
  }),
  linearCandidate('softmax regression, stems and bigrams only', {
    features: { ...DEFAULT_MODEL_OPTIONS.features, charNgrams: 0, negations: 0 },
  }),
  linearCandidate('softmax regression, without negation marks', {
    features: { ...DEFAULT_MODEL_OPTIONS.features, negations: 0 },
  }),
  linearCandidate('softmax regression, all features (chosen)', {}),
];

/** Measures a candidate by k-fold cross-validation and, if given, on the held-out lines. */
export function compareCandidate(
  candidate: Candidate,
  lang: Lang,
  examples: LabelledText[],
  labels: readonly string[],
  holdout: LabelledText[] | undefined,
  k = 5,
): CandidateResult {
  const pairs: { truth: string; predicted: string }[] = [];
  let trainMs = 0;
  for (const fold of stratifiedFolds(examples, k)) {
    const held = new Set(fold);
    const started = Date.now();
    const predict = candidate.train(
      examples.filter((_, i) => !held.has(i)),
      lang,
    );
    trainMs += Date.now() - started;
    for (const i of fold) {
      const example = examples[i] as LabelledText;
      pairs.push({ truth: example.intent, predicted: predict(example.text) });
    }
  }
  const cv = evaluate(pairs, labels);
  const result: CandidateResult = {
    name: candidate.name,
    cvAccuracy: cv.accuracy,
    cvMacroF1: cv.macroF1,
    trainMs: trainMs / k,
  };
  if (!holdout) return result;
  const predict = candidate.train(examples, lang);
  const held = evaluate(
    holdout.map((line) => ({ truth: line.intent, predicted: predict(line.text) })),
    labels,
  );
  return { ...result, holdoutAccuracy: held.accuracy, holdoutMacroF1: held.macroF1 };
}

// === Helpers

type Tokenizer = { tokenizeAndStem(text: string): string[] };

function ourStems(lang: Lang): Tokenizer {
  return {
    tokenizeAndStem: (text) => tokenize(normalizeText(text, lang), lang).map((t) => t.stem),
  };
}

function naturalCandidate(
  name: string,
  Classifier: typeof BayesClassifier | typeof LogisticRegressionClassifier,
  tokenizer: (lang: Lang) => Tokenizer,
): Candidate {
  return {
    name,
    train(examples, lang) {
      const classifier = new Classifier(tokenizer(lang));
      for (const e of examples) classifier.addDocument(e.text, e.intent);
      classifier.train();
      return (text) => classifier.getClassifications(text)[0]?.label ?? 'out_of_scope';
    },
  };
}

function linearCandidate(name: string, overrides: Partial<ModelOptions>): Candidate {
  const options = { ...DEFAULT_MODEL_OPTIONS, ...overrides };
  return {
    name,
    train(examples, lang) {
      const model = TrainedModel.train(examples, lang, options);
      return (text) => {
        const scores = model.scores(text);
        return model.labels[scores.indexOf(Math.max(...scores))] ?? 'out_of_scope';
      };
    },
  };
}
