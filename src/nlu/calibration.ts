import type { OutOfFoldPrediction } from './cross-validation';
import { softmax } from './linear-model';
import { evaluate } from './metrics';
import type { CrisisLevel } from './crisis-detector';
import { assessCrisis, crisisIntent, type CrisisAssessment } from './crisis-policy';
import type { ModelSpec } from './model-spec';

// Local aliases: V8 inside jest's vm sandbox is very slow on global `Math` lookups in hot loops.
const { floor, log, max, min } = Math;

/**
 * What turns raw scores into an honest answer. Fitted on out-of-fold
 * predictions, never on the sentences a model was trained on.
 */
export interface Calibration {
  /** Softmax temperature that makes probabilities match observed accuracy. */
  temperature: number;
  /** Below this top probability nothing fits, and the answer is the fallback label. */
  fallbackBelow: number;
  /** Below this top probability the result is unclear: the engine asks back. */
  unclearBelow: number;
  /** A lead of the top label over the second smaller than this is unclear too. */
  unclearMargin: number;
  /** A crisis probability at or above this flags a possible crisis even when another label wins. */
  crisisAbove: number;
}

/** One decided classification, with what the engine needs to ask back. */
export interface Decision {
  intent: string;
  confidence: number;
  unclear: boolean;
  /** The most likely labels, best first, with calibrated probabilities. */
  ranking: { intent: string; confidence: number }[];
  /** The crisis policy's verdict, when it found one. */
  crisis?: CrisisAssessment;
}

const RANKING_SIZE = 3;
/** The confidence reported when a crisis pattern matched: certain enough, and never outvoted. */
export const PATTERN_CRISIS_CONFIDENCE = 0.99;

/**
 * The decision rule, in order: the crisis policy (crisis-policy.ts) wins; a
 * top probability under the fallback threshold means nothing fits; otherwise
 * the top label.
 */
export function decide(
  probabilities: number[],
  labels: string[],
  crisis: CrisisLevel,
  calibration: Calibration,
  spec: ModelSpec,
  /** The message as the crisis policy judges it (without idioms and negations), when it differs. */
  crisisText: { words: number; probabilities?: number[] } = { words: Infinity },
): Decision {
  const ranking = topLabels(probabilities, labels, RANKING_SIZE);
  const top = ranking[0] ?? { intent: spec.fallback, confidence: 0 };
  const second = ranking[1]?.confidence ?? 0;
  const unclear =
    top.confidence < calibration.unclearBelow ||
    top.confidence - second < calibration.unclearMargin;
  if (spec.detectsCrisis) {
    const crisisIndex = labels.indexOf('crisis');
    const judged = crisisText.probabilities ?? probabilities;
    const probability = judged[crisisIndex] ?? 0;
    const assessment = assessCrisis(crisis, {
      probability,
      threshold: calibration.crisisAbove,
      words: crisisText.words,
    });
    const intent = crisisIntent(assessment.level);
    if (intent) {
      const confidence =
        assessment.source === 'pattern' ? PATTERN_CRISIS_CONFIDENCE : max(probability, 0.5);
      return { intent, confidence, unclear: false, ranking, crisis: assessment };
    }
  }
  if (top.confidence < calibration.fallbackBelow) {
    return { intent: spec.fallback, confidence: 1 - top.confidence, unclear: false, ranking };
  }
  // A top label "crisis" the policy did not confirm (too short a message) is no verdict: the runner-up speaks.
  const speaking = top.intent === 'crisis' ? (ranking[1] ?? top) : top;
  return { intent: speaking.intent, confidence: speaking.confidence, unclear, ranking };
}

/** Fits temperature and thresholds on out-of-fold predictions. */
export function fitCalibration(
  predictions: OutOfFoldPrediction[],
  labels: string[],
  crisisLevels: CrisisLevel[],
  spec: ModelSpec,
): Calibration {
  const temperature = fitTemperature(predictions, labels);
  const probabilities = predictions.map((p) => softmax(p.scores, temperature));
  const crisisAbove = spec.detectsCrisis
    ? fitCrisisThreshold(predictions, probabilities, labels, crisisLevels)
    : 1;
  const base: Calibration = {
    temperature,
    fallbackBelow: 0,
    unclearBelow: 0,
    unclearMargin: 0.1,
    crisisAbove,
  };
  const fallbackBelow = bestFallbackThreshold(
    predictions,
    probabilities,
    labels,
    crisisLevels,
    base,
    spec,
  );
  const unclearBelow = unclearThreshold(predictions, probabilities, labels);
  return { ...base, fallbackBelow, unclearBelow };
}

// === Helpers

// The n most likely labels by a partial selection: classification's hot path, so no full sort.
function topLabels(
  probabilities: number[],
  labels: string[],
  n: number,
): { intent: string; confidence: number }[] {
  const best: number[] = [];
  for (let i = 0; i < labels.length; i++) {
    let at = best.length;
    while (at > 0 && probabilities[i]! > probabilities[best[at - 1]!]!) at--;
    if (at < n) {
      best.splice(at, 0, i);
      if (best.length > n) best.pop();
    }
  }
  return best.map((i) => ({ intent: labels[i]!, confidence: probabilities[i]! }));
}

const TARGET_CONFIDENT_ACCURACY = 0.9;
const MAX_CRISIS_FALSE_ALARMS = 0.01;

// Temperature scaling: the one-parameter fit that keeps the ranking and fixes over- or under-confidence.
function fitTemperature(predictions: OutOfFoldPrediction[], labels: string[]): number {
  let best = { temperature: 1, loss: Infinity };
  for (let t = 0.02; t <= 5; t *= 1.1) {
    let loss = 0;
    for (const p of predictions)
      loss -= log((softmax(p.scores, t)[labels.indexOf(p.intent)] ?? 0) + 1e-12);
    if (loss < best.loss) best = { temperature: t, loss };
  }
  return best.temperature;
}

// Low enough to catch every crisis example the patterns miss, unless that would alarm too often.
function fitCrisisThreshold(
  predictions: OutOfFoldPrediction[],
  probabilities: number[][],
  labels: string[],
  levels: CrisisLevel[],
): number {
  const crisis = labels.indexOf('crisis');
  const missed = predictions
    .map((p, i) => ({ p, i }))
    .filter(({ p, i }) => p.intent === 'crisis' && levels[i] === 'none')
    .map(({ i }) => probabilities[i]?.[crisis] ?? 0);
  const others = predictions
    .map((p, i) => ({ p, i }))
    .filter(({ p, i }) => p.intent !== 'crisis' && levels[i] === 'none')
    .map(({ i }) => probabilities[i]?.[crisis] ?? 0)
    .sort((a, b) => b - a);
  const wanted = min(0.5, ...missed.map((v) => v * 0.9));
  const alarmLimit = others[floor(others.length * MAX_CRISIS_FALSE_ALARMS)] ?? 0;
  return max(0.08, wanted, alarmLimit);
}

function bestFallbackThreshold(
  predictions: OutOfFoldPrediction[],
  probabilities: number[][],
  labels: string[],
  levels: CrisisLevel[],
  base: Calibration,
  spec: ModelSpec,
): number {
  let best = { threshold: 0, f1: -1 };
  for (let threshold = 0; threshold <= 0.5; threshold += 0.025) {
    const calibration = { ...base, fallbackBelow: threshold };
    const pairs = predictions.map((p, i) => ({
      truth: p.intent,
      predicted: parentLabel(
        decide(probabilities[i] ?? [], labels, levels[i] ?? 'none', calibration, spec).intent,
      ),
    }));
    const { macroF1 } = evaluate(pairs, labels);
    if (macroF1 > best.f1 + 1e-9) best = { threshold, f1: macroF1 };
  }
  return best.threshold;
}

// The lowest top probability above which out-of-fold predictions are right often enough to act on.
function unclearThreshold(
  predictions: OutOfFoldPrediction[],
  probabilities: number[][],
  labels: string[],
): number {
  for (let threshold = 0.2; threshold < 0.95; threshold += 0.025) {
    let confident = 0;
    let correct = 0;
    predictions.forEach((p, i) => {
      const probs = probabilities[i] ?? [];
      const top = probs.indexOf(max(...probs));
      if ((probs[top] ?? 0) < threshold) return;
      confident++;
      if (labels[top] === p.intent) correct++;
    });
    if (confident && correct / confident >= TARGET_CONFIDENT_ACCURACY) return threshold;
  }
  return 0.95;
}

function parentLabel(intent: string): string {
  return intent.startsWith('crisis') ? 'crisis' : intent;
}
