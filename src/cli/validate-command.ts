import fs from 'node:fs';
import { loadCoachTexts, validateCoachTexts } from '../channels/slack/coach-texts';
import { checkDataFiles } from '../content/check-data-files';
import { DataFileError, formatProblem, type DataProblem } from '../content/data-file';
import { DATA_FILES } from '../content/data-files';
import { loadContent } from '../engine/content';
import { validateContent } from '../engine/validate-content';
import { LANGS } from '../nlu/intent-ids';
import { dataDirFor, MODEL_SPECS } from '../nlu/model-spec';
import { loadTrainingSet } from '../nlu/training-data';
import { validateTrainingSet } from '../nlu/validate-training-data';
import type { CliOptions } from './cli-options';

/**
 * `tueroeffner validate`: checks every data file against its schema (training
 * data, crisis patterns, flows, voices, lexicon, practice, coach texts, command
 * menus) and the content's own rules, naming file and line of each problem.
 */
export async function validateCommand(options: CliOptions): Promise<number> {
  let problems = 0;
  const report = (found: (DataProblem | string)[]): number => {
    for (const problem of found)
      process.stderr.write(`${typeof problem === 'string' ? problem : formatProblem(problem)}\n`);
    problems += found.length;
    return found.length;
  };
  const specs =
    options.model === 'intents' ? Object.values(MODEL_SPECS) : [MODEL_SPECS[options.model]];
  for (const spec of specs) {
    for (const lang of options.lang ? [options.lang] : LANGS) {
      const dir = dataDirFor(spec, lang);
      // The practice and answer models are optional until their data exists.
      if (spec.name !== 'intents' && !fs.existsSync(dir) && options.model !== spec.name) continue;
      const set = loadTrainingSet(dir, lang);
      const found = report(validateTrainingSet(set, spec, lang));
      process.stdout.write(
        `${spec.name} ${lang}: ${set.examples.length} examples in ${set.files.length} files, ${found} problem(s)\n`,
      );
    }
  }
  const fileProblems = report(checkDataFiles(undefined, { training: false }));
  process.stdout.write(`data files: ${DATA_FILES.length} files, ${fileProblems} problem(s)\n`);
  let contentProblems = 0;
  try {
    const content = loadContent();
    contentProblems = report([
      ...validateContent(content),
      ...validateCoachTexts(loadCoachTexts(), content),
    ]);
  } catch (error) {
    // Already reported file by file above.
    if (!(error instanceof DataFileError)) throw error;
  }
  process.stdout.write(`responses: ${contentProblems} problem(s)\n`);
  return problems ? 1 : 0;
}
