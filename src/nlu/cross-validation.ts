import type { Lang } from './intent-ids';
import { seededRandom } from './linear-model';
import {
  DEFAULT_MODEL_OPTIONS,
  TrainedModel,
  type LabelledText,
  type ModelOptions,
} from './trained-model';

/** The held-out scores of one example: what a model trained without it made of it. */
export interface OutOfFoldPrediction {
  intent: string;
  scores: Float64Array;
}

/**
 * Splits examples into k folds that keep each intent's share (stratified),
 * so every fold sees every intent.
 */
export function stratifiedFolds(examples: LabelledText[], k: number, seed = 7): number[][] {
  const byIntent = new Map<string, number[]>();
  examples.forEach((e, i) => byIntent.set(e.intent, [...(byIntent.get(e.intent) ?? []), i]));
  const random = seededRandom(seed);
  const folds: number[][] = Array.from({ length: k }, () => []);
  let next = 0;
  for (const indices of [...byIntent.values()]) {
    indices.sort(() => random() - 0.5);
    for (const index of indices) folds[next++ % k]?.push(index);
  }
  return folds;
}

/**
 * Trains k models, each without one fold, and scores that fold: an honest
 * estimate of how the model does on sentences it has not seen, and the data
 * calibration is fitted on.
 */
export function outOfFoldPredictions(
  examples: LabelledText[],
  lang: Lang,
  k = 5,
  options: ModelOptions = DEFAULT_MODEL_OPTIONS,
): { labels: string[]; predictions: OutOfFoldPrediction[] } {
  const labels = [...new Set(examples.map((e) => e.intent))].sort();
  const predictions: OutOfFoldPrediction[] = new Array(examples.length);
  for (const fold of stratifiedFolds(examples, k)) {
    const held = new Set(fold);
    const model = TrainedModel.train(
      examples.filter((_, i) => !held.has(i)),
      lang,
      options,
    );
    for (const i of fold) {
      const example = examples[i] as LabelledText;
      predictions[i] = { intent: example.intent, scores: alignScores(model, labels, example.text) };
    }
  }
  return { labels, predictions };
}

// A fold's model may lack a rare label; give it the lowest score in the full label order.
function alignScores(model: TrainedModel, labels: string[], text: string): Float64Array {
  const raw = model.scores(text);
  const min = Math.min(...raw) - 10;
  return Float64Array.from(labels, (label) => {
    const at = model.labels.indexOf(label);
    return at < 0 ? min : (raw[at] ?? min);
  });
}
