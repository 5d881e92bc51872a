import { decide, type Calibration, type Decision } from './calibration';
import { CrisisDetector } from './crisis-detector';
import type { CrisisAssessment } from './crisis-policy';
import type { Lang } from './intent-ids';
import { softmax } from './linear-model';
import type { ModelSpec } from './model-spec';
import { normalizeText } from './normalize';
import { MAX_CLASSIFIED_CHARS } from './features';
import type { TrainedModel } from './trained-model';

/** What the classifier makes of one message. */
export interface Classification extends Decision {
  /** The crisis policy's verdict (crisis-policy.ts), separate from the label. */
  crisis: CrisisAssessment;
}

const NO_CRISIS: CrisisAssessment = { level: 'none', source: 'none' };

/** What the engine needs of a classifier: one message in, its classification out (tests may stand in). */
export interface TextClassifier {
  classify(text: string): Classification;
  /** The most likely of some labels only, renormalised (an answer read against its question). */
  classifyAmong?(
    text: string,
    allowed: ReadonlySet<string>,
  ): { intent: string; confidence: number };
}

/** Longest text the safety layer reads; crisis words can hide at the end of a long paste. */
const MAX_SCREENED_CHARS = 20_000;

/**
 * Türöffner's classifier for one language: the safety layer first, then the
 * calibrated linear model, then the decision rule (calibration.ts).
 */
export class IntentClassifier implements TextClassifier {
  constructor(
    readonly spec: ModelSpec,
    readonly model: TrainedModel,
    readonly calibration: Calibration,
    private readonly crisisDetector: CrisisDetector,
  ) {}

  get lang(): Lang {
    return this.model.lang;
  }

  /** Classifies one message. Never throws on any string. */
  classify(text: string): Classification {
    const screened = normalizeText(text.slice(0, MAX_SCREENED_CHARS), this.lang);
    if (!screened) {
      return {
        intent: this.spec.fallback,
        confidence: 1,
        unclear: false,
        ranking: [],
        crisis: NO_CRISIS,
      };
    }
    const crisis = this.spec.detectsCrisis ? this.crisisDetector.detect(screened) : 'none';
    const classified =
      text.length > MAX_CLASSIFIED_CHARS
        ? normalizeText(text.slice(0, MAX_CLASSIFIED_CHARS), this.lang)
        : screened;
    const probabilities = softmax(
      this.model.scoresOfNormalized(classified),
      this.calibration.temperature,
    );
    const decision = decide(
      probabilities,
      this.model.labels,
      crisis,
      this.calibration,
      this.spec,
      this.crisisSignal(classified),
    );
    return { ...decision, crisis: decision.crisis ?? NO_CRISIS };
  }

  /** The most likely of some labels only, with the probabilities renormalised among them. */
  classifyAmong(
    text: string,
    allowed: ReadonlySet<string>,
  ): { intent: string; confidence: number } {
    const normalized = normalizeText(text.slice(0, MAX_CLASSIFIED_CHARS), this.lang);
    const probabilities = softmax(
      this.model.scoresOfNormalized(normalized),
      this.calibration.temperature,
    );
    let best = { intent: this.spec.fallback, confidence: 0 };
    let sum = 0;
    this.model.labels.forEach((label, i) => {
      if (!allowed.has(label)) return;
      const p = probabilities[i] ?? 0;
      sum += p;
      if (p > best.confidence) best = { intent: label, confidence: p };
    });
    return sum > 0 ? { intent: best.intent, confidence: best.confidence / sum } : best;
  }

  // The classifier's crisis view is judged on the text without idioms and negations ("ich will
  // nicht sterben, ich will einen Job"), which the patterns file declares no crisis statement.
  private crisisSignal(classified: string): { words: number; probabilities?: number[] } {
    const residual = this.spec.detectsCrisis
      ? this.crisisDetector.withoutNonCrisis(classified)
      : classified;
    const words = residual.split(' ').filter((w) => w !== '|').length;
    if (residual === classified) return { words };
    const probabilities = softmax(
      this.model.scoresOfNormalized(residual.replace(/ ?\| ?/g, ' ').trim()),
      this.calibration.temperature,
    );
    return { words, probabilities };
  }
}
