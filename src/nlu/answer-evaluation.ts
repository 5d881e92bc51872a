import fs from 'node:fs';
import { ACTS_FOR, isAnswerKind } from './answer-acts';
import type { IntentClassifier } from './intent-classifier';
import { evaluate, type EvaluationReport } from './metrics';

/**
 * The answer-act model on its held-out file as the engine reads answers: each line among the acts
 * that can answer what its question asked (the line's "asks"). The context-free score is the
 * ordinary held-out report; this one is what a user meets.
 */
export function scoreAnswersInContext(
  classifier: IntentClassifier,
  holdoutFile: string,
): EvaluationReport {
  const lines = fs
    .readFileSync(holdoutFile, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as { text: string; intent: string; asks?: string });
  const pairs = lines.map((line) => {
    const allowed = isAnswerKind(line.asks) ? ACTS_FOR[line.asks] : ACTS_FOR.open;
    return { truth: line.intent, predicted: classifier.classifyAmong(line.text, allowed).intent };
  });
  return evaluate(pairs, classifier.spec.labels);
}
