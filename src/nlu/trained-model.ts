import {
  DEFAULT_FEATURE_OPTIONS,
  extractFeatures,
  MAX_CLASSIFIED_CHARS,
  type FeatureOptions,
} from './features';
import type { Lang } from './intent-ids';
import {
  DEFAULT_TRAINING_OPTIONS,
  LinearModel,
  softmax,
  type LinearTrainingOptions,
} from './linear-model';
import { normalizeText } from './normalize';
import { Vocabulary } from './sparse-vector';
import { tokenize, type Token } from './tokenize';
import { Vectorizer } from './vectorizer';

/** How a model was trained: features, learner, and the vocabulary cut-off. */
export interface ModelOptions {
  features: FeatureOptions;
  training: LinearTrainingOptions;
  /** Features seen in fewer training messages than this are left out. */
  minFeatureCount: number;
}

export const DEFAULT_MODEL_OPTIONS: ModelOptions = {
  features: DEFAULT_FEATURE_OPTIONS,
  training: DEFAULT_TRAINING_OPTIONS,
  minFeatureCount: 1,
};

/** One labelled text to learn from. */
export interface LabelledText {
  text: string;
  intent: string;
}

/**
 * A trained linear model with its vocabulary: text in, raw class scores out.
 * Probabilities come from {@link TrainedModel.probabilities} with a temperature
 * fitted on held-out predictions (see calibration.ts).
 */
export class TrainedModel {
  private readonly vectorizer: Vectorizer;

  constructor(
    readonly lang: Lang,
    readonly labels: string[],
    readonly vocabulary: Vocabulary,
    readonly linear: LinearModel,
    readonly options: ModelOptions,
  ) {
    this.vectorizer = new Vectorizer(vocabulary, options.features);
  }

  /** Learns labels, vocabulary and weights from examples. */
  static train(
    examples: LabelledText[],
    lang: Lang,
    options: ModelOptions = DEFAULT_MODEL_OPTIONS,
  ): TrainedModel {
    const labels = [...new Set(examples.map((e) => e.intent))].sort();
    const tokens = examples.map((e) => tokensOf(e.text, lang));
    const vocabulary = Vocabulary.fit(
      tokens.map((t) => extractFeatures(t, options.features)),
      options.minFeatureCount,
    );
    const vectorizer = new Vectorizer(vocabulary, options.features);
    const vectors = tokens.map((t) => vectorizer.vectorize(t));
    const targets = examples.map((e) => labels.indexOf(e.intent));
    const linear = LinearModel.train(
      vectors,
      targets,
      labels.length,
      vocabulary.size,
      options.training,
    );
    return new TrainedModel(lang, labels, vocabulary, linear, options);
  }

  /** The raw score of every label for an already normalised text. */
  scoresOfNormalized(normalized: string): Float64Array {
    return this.linear.scores(this.vectorizer.vectorize(tokenize(normalized, this.lang)));
  }

  /** The raw score of every label. */
  scores(text: string): Float64Array {
    return this.scoresOfNormalized(normalizeText(text.slice(0, MAX_CLASSIFIED_CHARS), this.lang));
  }

  /** The probability of every label, at a temperature. */
  probabilities(text: string, temperature: number): number[] {
    return softmax(this.scores(text), temperature);
  }
}

function tokensOf(text: string, lang: Lang): Token[] {
  return tokenize(normalizeText(text.slice(0, MAX_CLASSIFIED_CHARS), lang), lang);
}
