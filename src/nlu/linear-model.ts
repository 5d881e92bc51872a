import type { SparseVector } from './sparse-vector';

// Local aliases: V8 inside jest's vm sandbox is very slow on global `Math` lookups in hot loops.
const { exp, floor, max, sqrt } = Math;

/** Which loss a linear model is trained with. */
export type LinearLoss = 'softmax' | 'hinge';

export interface LinearTrainingOptions {
  /** Softmax (multinomial logistic) regression or one-vs-rest linear SVM. */
  loss: LinearLoss;
  epochs: number;
  learningRate: number;
  /** L2 penalty on the weights of the features a message has. */
  l2: number;
  /** Seed of the shuffling, so that a retrain gives the same model. */
  seed: number;
}

export const DEFAULT_TRAINING_OPTIONS: LinearTrainingOptions = {
  loss: 'softmax',
  epochs: 30,
  learningRate: 0.3,
  l2: 1e-4,
  seed: 17,
};

/**
 * A linear classifier over sparse vectors: one weight per feature and class.
 * Weights are stored feature-major (`weights[feature * classes + class]`), so
 * scoring a message touches only the rows of the features it has.
 */
export class LinearModel {
  constructor(
    readonly classes: number,
    readonly weights: Float32Array,
    readonly bias: Float32Array,
  ) {}

  /** Trains with AdaGrad, class-balanced so that rare intents are not drowned by frequent ones. */
  static train(
    vectors: SparseVector[],
    labels: number[],
    classes: number,
    features: number,
    options: LinearTrainingOptions,
  ): LinearModel {
    const model = new LinearModel(
      classes,
      new Float32Array(features * classes),
      new Float32Array(classes),
    );
    const squaredGradients = new Float32Array(features * classes).fill(1e-8);
    const biasGradients = new Float32Array(classes).fill(1e-8);
    const classWeights = balancedClassWeights(labels, classes);
    const order = vectors.map((_, i) => i);
    const random = seededRandom(options.seed);
    for (let epoch = 0; epoch < options.epochs; epoch++) {
      shuffle(order, random);
      for (const i of order) {
        const vector = vectors[i] as SparseVector;
        const label = labels[i] as number;
        const gradient = lossGradient(model.scores(vector), label, options.loss);
        const weight = classWeights[label] ?? 1;
        model.step(vector, gradient, weight, options, squaredGradients, biasGradients);
      }
    }
    return model;
  }

  /** The raw score of every class for one message. */
  scores(vector: SparseVector): Float64Array {
    // The hot path of every classification: plain indexed loops, no allocations but the result.
    const classes = this.classes;
    const weights = this.weights;
    const scores = new Float64Array(classes);
    for (let c = 0; c < classes; c++) scores[c] = this.bias[c]!;
    const { indices, values } = vector;
    for (let k = 0; k < indices.length; k++) {
      const row = indices[k]! * classes;
      const value = values[k]!;
      for (let c = 0; c < classes; c++) scores[c]! += value * weights[row + c]!;
    }
    return scores;
  }

  private step(
    vector: SparseVector,
    gradient: Float64Array,
    weight: number,
    options: LinearTrainingOptions,
    squaredGradients: Float32Array,
    biasGradients: Float32Array,
  ): void {
    for (let c = 0; c < this.classes; c++) {
      const g = (gradient[c] ?? 0) * weight;
      if (g === 0) continue;
      biasGradients[c] = (biasGradients[c] ?? 0) + g * g;
      this.bias[c] = (this.bias[c] ?? 0) - (options.learningRate * g) / sqrt(biasGradients[c] ?? 1);
      for (let k = 0; k < vector.indices.length; k++) {
        const at = (vector.indices[k] as number) * this.classes + c;
        const current = this.weights[at] ?? 0;
        const gw = g * (vector.values[k] as number) + options.l2 * current;
        squaredGradients[at] = (squaredGradients[at] ?? 0) + gw * gw;
        this.weights[at] = current - (options.learningRate * gw) / sqrt(squaredGradients[at] ?? 1);
      }
    }
  }
}

/** Turns raw scores into probabilities; a temperature above 1 makes them less sure. */
export function softmax(scores: ArrayLike<number>, temperature = 1): number[] {
  let top = -Infinity;
  for (let c = 0; c < scores.length; c++) top = max(top, scores[c]!);
  const exps = new Array<number>(scores.length);
  let sum = 0;
  for (let c = 0; c < scores.length; c++) {
    exps[c] = exp((scores[c]! - top) / temperature);
    sum += exps[c]!;
  }
  for (let c = 0; c < exps.length; c++) exps[c] = exps[c]! / sum;
  return exps;
}

// === Helpers

// Gradient of the loss with respect to each class score.
function lossGradient(scores: Float64Array, label: number, loss: LinearLoss): Float64Array {
  const gradient = new Float64Array(scores.length);
  if (loss === 'softmax') {
    const p = softmax(scores);
    for (let c = 0; c < scores.length; c++) gradient[c] = (p[c] ?? 0) - (c === label ? 1 : 0);
  } else {
    for (let c = 0; c < scores.length; c++) {
      const y = c === label ? 1 : -1;
      if (y * (scores[c] ?? 0) < 1) gradient[c] = -y;
    }
  }
  return gradient;
}

function balancedClassWeights(labels: number[], classes: number): number[] {
  const counts = new Array<number>(classes).fill(0);
  for (const label of labels) counts[label] = (counts[label] ?? 0) + 1;
  return counts.map((count) => (count ? labels.length / (classes * count) : 0));
}

/** A small deterministic generator (mulberry32), enough for shuffling. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(items: T[], random: () => number): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = floor(random() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
}
