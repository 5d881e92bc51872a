import fs from 'node:fs';
import { CRISIS_CORPORA, evaluateCrisisCorpus, type CrisisCorpusName } from '../nlu/crisis-corpus';
import { CrisisDetector } from '../nlu/crisis-detector';
import { evaluateModel } from '../nlu/evaluation';
import { holdoutPath, readLabelledLines } from '../nlu/holdout';
import { LANGS } from '../nlu/intent-ids';
import { loadClassifier, loadValidExamples } from '../nlu/model-artifact';
import { CANDIDATES, compareCandidate } from '../nlu/model-comparison';
import { dataDirFor, MODEL_SPECS } from '../nlu/model-spec';
import type { CliOptions } from './cli-options';
import { scoreAnswersInContext } from '../nlu/answer-evaluation';
import {
  formatComparison,
  formatCrisisCorpus,
  formatEvaluation,
  formatInContext,
} from './evaluation-table';

/**
 * `tueroeffner eval`: k-fold cross-validation on the training files and the
 * score on the held-out file, per language; `--compare` measures the candidate
 * learners instead; `--json` prints machine-readable results.
 */
export async function evalCommand(options: CliOptions): Promise<number> {
  const spec = MODEL_SPECS[options.model];
  const detector = CrisisDetector.load();
  const results: unknown[] = [];
  for (const lang of options.lang ? [options.lang] : LANGS) {
    if (!fs.existsSync(dataDirFor(spec, lang))) continue;
    const file = holdoutPath(spec, lang);
    const holdout = fs.existsSync(file) ? readLabelledLines(file) : undefined;
    if (options.compare) {
      const examples = loadValidExamples(spec, lang);
      const rows = CANDIDATES.filter((candidate) => !(options.fast && candidate.slow)).map(
        (candidate) => {
          process.stderr.write(`comparing ${lang}: ${candidate.name} …\n`);
          return compareCandidate(candidate, lang, examples, spec.labels, holdout);
        },
      );
      results.push({ lang, candidates: rows });
      if (!options.json) process.stdout.write(`${formatComparison(lang, rows)}\n`);
      continue;
    }
    const classifier = loadClassifier(spec, lang, undefined, (reason) =>
      process.stderr.write(`${reason}\n`),
    );
    const evaluation = evaluateModel(spec, lang, classifier, holdout, detector);
    // The crisis corpora measure the safety layer of the intents model, the one every message passes.
    const crisis = spec.detectsCrisis
      ? (Object.keys(CRISIS_CORPORA) as CrisisCorpusName[]).map((name) =>
          evaluateCrisisCorpus(classifier, name),
        )
      : [];
    // Answers are read against their question in the engine; their held-out file says which.
    const inContext =
      spec.name === 'answers' && holdout ? scoreAnswersInContext(classifier, file) : undefined;
    results.push({
      ...evaluation,
      crisisCorpora: crisis,
      ...(inContext ? { holdoutInContext: inContext } : {}),
      calibration: classifier.calibration,
    });
    if (!options.json) {
      process.stdout.write(`${formatEvaluation(evaluation)}\n`);
      for (const report of crisis) process.stdout.write(`${formatCrisisCorpus(report)}\n`);
      if (inContext) process.stdout.write(`${formatInContext(inContext)}\n`);
    }
  }
  if (options.json) process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  return 0;
}
