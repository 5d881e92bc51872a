import fs from 'node:fs';
import path from 'node:path';
import { isMap, isNode, isScalar, isSeq } from 'yaml';
import { checkDocument, readYamlDocument, type DataProblem } from '../content/data-file';
import { trainingFileSchema } from '../content/schemas';
import type { Lang } from './intent-ids';

export type { DataProblem } from '../content/data-file';

/** One training phrase, with the place it was written so errors can point there. */
export interface TrainingExample {
  text: string;
  intent: string;
  lang: Lang;
  file: string;
  line: number;
}

/** All examples of one folder (`intents/de`), and the problems met while reading them. */
export interface TrainingSet {
  examples: TrainingExample[];
  problems: DataProblem[];
  /** The files read, in a stable order (for the content hash). */
  files: string[];
}

/** Reads every `*.yml` file of a folder of intent files. */
export function loadTrainingSet(dir: string, lang: Lang): TrainingSet {
  const set: TrainingSet = { examples: [], problems: [], files: [] };
  if (!fs.existsSync(dir)) {
    set.problems.push({ file: dir, line: 0, message: 'folder is missing' });
    return set;
  }
  for (const name of fs.readdirSync(dir).sort()) {
    if (!/\.ya?ml$/.test(name)) continue;
    const file = path.join(dir, name);
    set.files.push(file);
    readIntentFile(file, lang, set);
  }
  return set;
}

// === Helpers

function readIntentFile(file: string, lang: Lang, set: TrainingSet): void {
  const source = readYamlDocument(fs.readFileSync(file, 'utf8'), file);
  if (!source.ok) return void set.problems.push(...source.problems);
  const { doc, lines } = source;
  const problem = (offset: number, message: string, lineOffset = 0): void => {
    set.problems.push({ file, line: lines.linePos(offset).line + lineOffset, message });
  };
  const checked = checkDocument(source, trainingFileSchema, file);
  if (!checked.ok) return void set.problems.push(...checked.problems);
  const { intent } = checked.value;
  if (!isMap(doc.contents)) return;
  const examples: unknown = doc.contents.get('examples', true);
  if (path.basename(file).replace(/\.ya?ml$/, '') !== intent) {
    problem(0, `intent "${intent}" does not match the file name; name the file ${intent}.yml`);
  }
  const add = (text: string, offset: number, lineOffset = 0): void => {
    set.examples.push({ text, intent, lang, file, line: lines.linePos(offset).line + lineOffset });
  };
  if (isScalar(examples) && typeof examples.value === 'string' && examples.range) {
    readBlock(examples.value, examples.range[0], add, problem);
  } else if (isSeq(examples)) {
    for (const item of examples.items) {
      if (isScalar(item) && item.range) add(String(item.value).trim(), item.range[0]);
    }
  } else {
    problem(
      (isNode(examples) && examples.range?.[0]) || 0,
      'missing "examples: |" with lines "- example"',
    );
  }
}

// A literal block ("examples: |") keeps one example per line, so line i of the block is line header+1+i.
function readBlock(
  block: string,
  headerOffset: number,
  add: (text: string, offset: number, lineOffset: number) => void,
  problem: (offset: number, message: string, lineOffset: number) => void,
): void {
  block.split('\n').forEach((raw, i) => {
    const text = raw.trim();
    if (!text) return;
    if (!text.startsWith('- ') || !text.slice(2).trim()) {
      problem(headerOffset, 'an example line must start with "- " and have text', i + 1);
      return;
    }
    add(text.slice(2).trim(), headerOffset, i + 1);
  });
}
