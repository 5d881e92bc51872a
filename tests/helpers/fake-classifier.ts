import type { CrisisAssessment } from '../../src/nlu/crisis-policy';
import type { Classification, TextClassifier } from '../../src/nlu/intent-classifier';

/** One row of a fake classifier's table: a text and what the classifier is to make of it. */
export interface FakeRow {
  intent: string;
  confidence?: number;
  crisis?: CrisisAssessment['level'];
  /** Who raised the crisis; the patterns unless said otherwise. */
  source?: CrisisAssessment['source'];
}

/**
 * A classifier that answers from a table, for dialogue tests where the model
 * is not the point: growing intents/ never breaks them. A text not in the
 * table gets the fallback label (out of scope).
 */
export function fakeClassifier(
  table: Record<string, FakeRow>,
  fallback = 'out_of_scope',
): TextClassifier {
  return {
    classify(text: string): Classification {
      const row = table[text] ?? { intent: fallback };
      const confidence = row.confidence ?? 0.95;
      const level = row.crisis ?? 'none';
      return {
        intent: row.intent,
        confidence,
        unclear: false,
        ranking: text.trim() ? [{ intent: row.intent, confidence }] : [],
        crisis: { level, source: level === 'none' ? 'none' : (row.source ?? 'pattern') },
      };
    },
  };
}
