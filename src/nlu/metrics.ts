/** Precision, recall and F1 of one label. */
export interface LabelScore {
  label: string;
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

/** How a set of predictions compares with the truth. */
export interface EvaluationReport {
  accuracy: number;
  macroF1: number;
  perLabel: LabelScore[];
  /** confusion[truth][predicted] = count. */
  confusion: Record<string, Record<string, number>>;
  labels: string[];
  total: number;
}

/** Scores predictions against the truth, label by label. */
export function evaluate(
  pairs: { truth: string; predicted: string }[],
  labels: readonly string[],
): EvaluationReport {
  const confusion: Record<string, Record<string, number>> = {};
  for (const truth of labels) confusion[truth] = Object.fromEntries(labels.map((p) => [p, 0]));
  let correct = 0;
  for (const { truth, predicted } of pairs) {
    const row = (confusion[truth] ??= {});
    row[predicted] = (row[predicted] ?? 0) + 1;
    if (truth === predicted) correct++;
  }
  const perLabel = labels.map((label) => scoreLabel(label, pairs));
  const present = perLabel.filter((s) => s.support > 0);
  const macroF1 = present.reduce((sum, s) => sum + s.f1, 0) / (present.length || 1);
  return {
    accuracy: correct / (pairs.length || 1),
    macroF1,
    perLabel,
    confusion,
    labels: [...labels],
    total: pairs.length,
  };
}

function scoreLabel(label: string, pairs: { truth: string; predicted: string }[]): LabelScore {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const { truth, predicted } of pairs) {
    if (predicted === label && truth === label) tp++;
    else if (predicted === label) fp++;
    else if (truth === label) fn++;
  }
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { label, precision, recall, f1, support: tp + fn };
}
