import { scoreClassifier } from '../../src/nlu/evaluation';
import { holdoutPath, readLabelledLines } from '../../src/nlu/holdout';
import type { Lang } from '../../src/nlu/intent-ids';
import { loadClassifier } from '../../src/nlu/model-artifact';
import { MODEL_SPECS, type ModelName } from '../../src/nlu/model-spec';

// What the classifiers reached on the held-out files (tueroeffner eval), minus a small margin.
// Raise these when a model gets better; a change that falls below them is a regression.
// intents: macro-F1 0.963 (de), 0.961 (en), crisis recall 1.00; practice: 0.957 (de), 0.912 (en).
const FLOORS: [ModelName, Lang, { macroF1: number; crisisRecall?: number; lines: number }][] = [
  ['intents', 'de', { macroF1: 0.94, crisisRecall: 1, lines: 16 * 15 }],
  ['intents', 'en', { macroF1: 0.94, crisisRecall: 1, lines: 16 * 15 }],
  ['practice', 'de', { macroF1: 0.93, lines: 160 }],
  ['practice', 'en', { macroF1: 0.88, lines: 160 }],
];

describe('held-out regression floor', () => {
  it.each(FLOORS)('should keep the %s model (%s) at its floor', (model, lang, floor) => {
    const spec = MODEL_SPECS[model];
    const report = scoreClassifier(
      loadClassifier(spec, lang),
      readLabelledLines(holdoutPath(spec, lang)),
    );
    expect(report.macroF1).toBeGreaterThanOrEqual(floor.macroF1);
    if (floor.crisisRecall !== undefined)
      expect(report.crisisRecall).toBeGreaterThanOrEqual(floor.crisisRecall);
    expect(report.total).toBeGreaterThanOrEqual(floor.lines);
  });
});
