import fs from 'node:fs';
import { loadContent } from '../engine/content';
import { validateContent } from '../engine/validate-content';
import { LANGS } from '../nlu/intent-ids';
import { dataDirFor, MODEL_SPECS } from '../nlu/model-spec';
import { loadTrainingSet } from '../nlu/training-data';
import { formatProblem, validateTrainingSet } from '../nlu/validate-training-data';
import type { CliOptions } from './cli-options';

/** `tueroeffner validate`: checks intents/ and responses/, naming file and line of each problem. */
export async function validateCommand(options: CliOptions): Promise<number> {
  let problems = 0;
  const specs =
    options.model === 'intents' ? Object.values(MODEL_SPECS) : [MODEL_SPECS[options.model]];
  for (const spec of specs) {
    for (const lang of options.lang ? [options.lang] : LANGS) {
      const dir = dataDirFor(spec, lang);
      // The practice and answer models are optional until their data exists.
      if (spec.name !== 'intents' && !fs.existsSync(dir) && options.model !== spec.name) continue;
      const set = loadTrainingSet(dir, lang);
      const found = validateTrainingSet(set, spec, lang);
      for (const problem of found) process.stderr.write(`${formatProblem(problem)}\n`);
      problems += found.length;
      process.stdout.write(
        `${spec.name} ${lang}: ${set.examples.length} examples in ${set.files.length} files, ${found.length} problem(s)\n`,
      );
    }
  }
  const contentProblems = validateContent(loadContent());
  for (const problem of contentProblems) process.stderr.write(`${problem}\n`);
  process.stdout.write(`responses: ${contentProblems.length} problem(s)\n`);
  return problems + contentProblems.length ? 1 : 0;
}
