import { CrisisDetector } from './crisis-detector';
import { stratifiedFolds } from './cross-validation';
import { IntentClassifier, type Classification } from './intent-classifier';
import { contractParent, type Lang } from './intent-ids';
import { evaluate, type EvaluationReport } from './metrics';
import { loadValidExamples, trainCalibrated } from './model-artifact';
import type { ModelSpec } from './model-spec';
import type { LabelledText } from './trained-model';

/** Everything `tueroeffner eval` reports for one model and language. */
export interface ModelEvaluation {
  model: string;
  lang: Lang;
  examples: number;
  crossValidation: QualityReport;
  holdout?: QualityReport;
}

/** Quality of one set of predictions, with the safety figures. */
export interface QualityReport extends EvaluationReport {
  /** Share of crisis lines answered as crisis (clear or possible). */
  crisisRecall: number;
  /** Share of non-crisis lines flagged as crisis. */
  crisisFalseAlarmRate: number;
  /** Share of out-of-scope lines accepted as some other intent. */
  fallbackFalseAcceptRate: number;
  /** Share of lines the engine would ask back about. */
  unclearRate: number;
  /** Expected calibration error: how far confidence is from accuracy, on average. */
  calibrationError: number;
}

/** Scores a classifier on labelled lines. */
export function scoreClassifier(
  classifier: IntentClassifier,
  lines: LabelledText[],
): QualityReport {
  return scoreClassifications(
    classifier.spec,
    lines.map((line) => ({ truth: line.intent, classification: classifier.classify(line.text) })),
  );
}

/** Scores classifications against the truth, with the safety figures. */
export function scoreClassifications(
  spec: ModelSpec,
  items: { truth: string; classification: Classification }[],
): QualityReport {
  const results = items.map(({ truth, classification: c }) => ({
    truth: contractParent(truth, spec.labels),
    predicted: contractParent(c.intent, spec.labels),
    c,
  }));
  type Result = (typeof results)[number];
  const share = (pool: Result[], hit: (r: Result) => boolean): number =>
    pool.length ? pool.filter(hit).length / pool.length : 0;
  const crisisLines = results.filter((r) => r.truth === 'crisis');
  const otherLines = results.filter((r) => r.truth !== 'crisis');
  const fallbackLines = results.filter((r) => r.truth === spec.fallback);
  return {
    ...evaluate(results, spec.labels),
    crisisRecall: share(crisisLines, (r) => r.predicted === 'crisis'),
    crisisFalseAlarmRate: share(otherLines, (r) => r.predicted === 'crisis'),
    fallbackFalseAcceptRate: share(fallbackLines, (r) => r.predicted !== spec.fallback),
    unclearRate: share(results, (r) => r.c.unclear),
    calibrationError: expectedCalibrationError(
      results.map((r) => ({ confidence: r.c.confidence, correct: r.truth === r.predicted })),
    ),
  };
}

/**
 * k-fold cross-validation of the whole pipeline: each fold's model is trained
 * and calibrated without that fold, then scores it.
 */
export function crossValidate(
  spec: ModelSpec,
  lang: Lang,
  examples: LabelledText[],
  detector: CrisisDetector,
  k = 5,
): QualityReport {
  const items: { truth: string; classification: Classification }[] = [];
  for (const fold of stratifiedFolds(examples, k)) {
    const held = new Set(fold);
    const training = examples.filter((_, i) => !held.has(i));
    const { model, calibration } = trainCalibrated(training, lang, spec, detector);
    const classifier = new IntentClassifier(spec, model, calibration, detector);
    for (const i of fold) {
      const line = examples[i] as LabelledText;
      items.push({ truth: line.intent, classification: classifier.classify(line.text) });
    }
  }
  return scoreClassifications(spec, items);
}

/** Evaluates one model and language: cross-validation on `intents/`, and the held-out file if given. */
export function evaluateModel(
  spec: ModelSpec,
  lang: Lang,
  classifier: IntentClassifier,
  holdout: LabelledText[] | undefined,
  detector = CrisisDetector.load(),
): ModelEvaluation {
  const examples = loadValidExamples(spec, lang);
  return {
    model: spec.name,
    lang,
    examples: examples.length,
    crossValidation: crossValidate(spec, lang, examples, detector),
    ...(holdout ? { holdout: scoreClassifier(classifier, holdout) } : {}),
  };
}

// === Helpers

// Confidence bins of width 0.1; the gap between mean confidence and accuracy, weighted by bin size.
function expectedCalibrationError(points: { confidence: number; correct: boolean }[]): number {
  const bins = Array.from({ length: 10 }, () => ({ n: 0, confidence: 0, correct: 0 }));
  for (const p of points) {
    const bin = bins[Math.min(9, Math.floor(p.confidence * 10))];
    if (!bin) continue;
    bin.n++;
    bin.confidence += p.confidence;
    bin.correct += p.correct ? 1 : 0;
  }
  return bins.reduce(
    (sum, b) =>
      sum + (b.n ? (b.n / points.length) * Math.abs(b.confidence / b.n - b.correct / b.n) : 0),
    0,
  );
}
