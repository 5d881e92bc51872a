import type { CandidateResult } from '../nlu/model-comparison';
import type { CrisisCorpusReport } from '../nlu/crisis-corpus';
import type { ModelEvaluation, QualityReport } from '../nlu/evaluation';
import type { EvaluationReport } from '../nlu/metrics';

/** Renders an evaluation as the readable tables `tueroeffner eval` prints. */
export function formatEvaluation(evaluation: ModelEvaluation): string {
  const parts = [
    `# ${evaluation.model} (${evaluation.lang}): ${evaluation.examples} training examples`,
    '',
  ];
  const safety = evaluation.model === 'intents';
  parts.push(
    formatQuality('5-fold cross-validation on intents/', evaluation.crossValidation, safety),
  );
  if (evaluation.holdout) {
    parts.push(formatQuality('held-out file (never trained on)', evaluation.holdout, safety));
  }
  return parts.join('\n');
}

/** Renders what the safety layer makes of a crisis corpus: recall per category, alarms on ordinary lines. */
export function formatCrisisCorpus(report: CrisisCorpusReport): string {
  const rows = Object.entries(report.recall).map(([category, { recall, n }]) => [
    category,
    pct(recall),
    `${n}`,
  ]);
  return [
    `## crisis corpus "${report.corpus}" (${report.lang}), never trained on`,
    `ordinary lines: ${report.ordinaryLines}   full crisis message ${pct(report.fullAlarmRate)}   gentle check ${pct(report.gentleCheckRate)}`,
    '',
    table(['category', 'crisis recall', 'n'], rows),
    '',
  ].join('\n');
}

/** Renders the answer-act score as the engine reads answers: among the acts their question allows. */
export function formatInContext(report: EvaluationReport): string {
  return [
    `## held-out file read in context (each line among the acts its question allows): ${report.total} lines`,
    `accuracy ${pct(report.accuracy)}   macro-F1 ${pct(report.macroF1)}`,
    '',
  ].join('\n');
}

/** Renders the learner comparison of `tueroeffner eval --compare`. */
export function formatComparison(lang: string, results: CandidateResult[]): string {
  const rows = results.map((r) => [
    r.name,
    pct(r.cvAccuracy),
    pct(r.cvMacroF1),
    r.holdoutAccuracy === undefined ? '-' : pct(r.holdoutAccuracy),
    r.holdoutMacroF1 === undefined ? '-' : pct(r.holdoutMacroF1),
    `${Math.round(r.trainMs)}`,
  ]);
  return `# learners compared (${lang}), top label only\n\n${table(['learner', 'cv acc', 'cv macro-F1', 'holdout acc', 'holdout macro-F1', 'train ms'], rows)}\n`;
}

// The crisis figures belong to the intents model only; the practice model has no crisis label.
function formatQuality(title: string, q: QualityReport, safety: boolean): string {
  const summary = [
    `## ${title}: ${q.total} lines`,
    `accuracy ${pct(q.accuracy)}   macro-F1 ${pct(q.macroF1)}` +
      (safety
        ? `   crisis recall ${pct(q.crisisRecall)}   crisis false alarms ${pct(q.crisisFalseAlarmRate)}`
        : ''),
    `${safety ? 'out_of_scope' : 'other'} false accepts ${pct(q.fallbackFalseAcceptRate)}   unclear ${pct(q.unclearRate)}   calibration error (ECE) ${pct(q.calibrationError)}`,
    '',
  ];
  const perLabel = table(
    ['intent', 'precision', 'recall', 'F1', 'n'],
    q.perLabel.map((s) => [s.label, pct(s.precision), pct(s.recall), pct(s.f1), `${s.support}`]),
  );
  return [
    ...summary,
    perLabel,
    '',
    'confusion (rows: truth, columns: predicted, by number)',
    confusion(q),
    '',
  ].join('\n');
}

function confusion(q: QualityReport): string {
  const header = ['', ...q.labels.map((_, i) => `${i + 1}`)];
  const rows = q.labels.map((truth, i) => [
    `${i + 1} ${truth}`,
    ...q.labels.map((p) => `${q.confusion[truth]?.[p] || '.'}`),
  ]);
  return table(header, rows);
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
      .join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function pct(value: number): string {
  return value.toFixed(3);
}
