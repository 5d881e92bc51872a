import fs from 'node:fs';
import path from 'node:path';
import { LANGS } from '../nlu/intent-ids';
import { dataDirFor, MODEL_SPECS, PROJECT_ROOT } from '../nlu/model-spec';
import { parseDataFile, type DataProblem } from './data-file';
import { DATA_FILES, TRAINING_FILE } from './data-files';

/**
 * Checks every data file of a project against its schema: those of
 * {@link DATA_FILES} and, unless left out, every training file. Returns all
 * problems of all files, each at its file and line.
 */
export function checkDataFiles(
  root = PROJECT_ROOT,
  options: { training?: boolean } = {},
): DataProblem[] {
  const label = (file: string) => path.relative(root, file);
  const problems: DataProblem[] = [];
  const check = (file: string, schema: (typeof DATA_FILES)[number]['schema']) => {
    const parsed = parseDataFile(file, schema, label(file));
    if (!parsed.ok) problems.push(...parsed.problems);
  };
  for (const { file, schema } of DATA_FILES) check(path.join(root, file), schema);
  if (options.training === false) return problems;
  for (const file of trainingFiles(root)) check(file, TRAINING_FILE.schema);
  return problems;
}

/** Every training file of every model and language (a model's folder may not exist yet). */
export function trainingFiles(root = PROJECT_ROOT): string[] {
  return Object.values(MODEL_SPECS).flatMap((spec) =>
    LANGS.flatMap((lang) => {
      const dir = dataDirFor(spec, lang, root);
      if (!fs.existsSync(dir)) return [];
      return fs
        .readdirSync(dir)
        .filter((name) => /\.ya?ml$/.test(name))
        .sort()
        .map((name) => path.join(dir, name));
    }),
  );
}
