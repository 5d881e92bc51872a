import fs from 'node:fs';
import path from 'node:path';
import { LineCounter, isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import type { Lang } from './intent-ids';

/** One training phrase, with the place it was written so errors can point there. */
export interface TrainingExample {
  text: string;
  intent: string;
  lang: Lang;
  file: string;
  line: number;
}

/** Something wrong in the data, at a file and line a coach can open. */
export interface DataProblem {
  file: string;
  line: number;
  message: string;
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
  const lines = new LineCounter();
  const source = fs.readFileSync(file, 'utf8');
  const doc = parseDocument(source, { lineCounter: lines });
  const problem = (offset: number, message: string, lineOffset = 0): void => {
    set.problems.push({ file, line: lines.linePos(offset).line + lineOffset, message });
  };
  for (const error of doc.errors)
    problem(error.pos[0], `YAML error: ${error.message.split('\n')[0]}`);
  if (doc.errors.length || !isMap(doc.contents)) {
    if (!doc.errors.length) problem(0, 'expected "intent:" and "examples:" keys');
    return;
  }
  const intent = doc.get('intent');
  const examples = doc.contents.get('examples', true) as Node | undefined;
  if (typeof intent !== 'string' || !intent) return problem(0, 'missing "intent: <id>"');
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
    problem(examples?.range?.[0] ?? 0, 'missing "examples: |" with lines "- example"');
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
